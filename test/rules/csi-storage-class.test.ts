import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const rule = 'csi-storage-class';

test('valid: CSI provisioners, other clouds, malformed provisioner, other kinds', () => {
  assert.equal(
    lintOne(rule, yaml`
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: managed-csi}
      provisioner: disk.csi.azure.com
      parameters: {skuName: Premium_LRS}
      ---
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: files}
      provisioner: file.csi.azure.com
      ---
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: gp3}
      provisioner: ebs.csi.aws.com
      ---
      apiVersion: storage.k8s.io/v1
      kind: StorageClass
      metadata: {name: odd}
      provisioner: [kubernetes.io/azure-disk]
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
      provisioner: kubernetes.io/azure-disk
    `),
    [],
  );
});

test('invalid: in-tree azure-disk and azure-file (also storage.k8s.io/v1beta1), at provisioner', () => {
  const findings = lintOne(rule, yaml`
    apiVersion: storage.k8s.io/v1
    kind: StorageClass
    metadata: {name: managed-premium}
    provisioner: kubernetes.io/azure-disk
    parameters: {storageaccounttype: Premium_LRS, kind: Managed}
    ---
    apiVersion: storage.k8s.io/v1beta1
    kind: StorageClass
    metadata: {name: azurefile}
    parameters: {skuName: Standard_LRS}
    provisioner: kubernetes.io/azure-file
  `);
  assert.equal(positions(findings), [
    [rule, 4, 1],
    [rule, 11, 1],
  ]);
  assert.is(findings[0].message, "StorageClass \"managed-premium\" uses the in-tree provisioner kubernetes.io/azure-disk: use the CSI driver disk.csi.azure.com instead, checking its parameters against the driver's documentation.");
  assert.match(findings[1].message, 'file.csi.azure.com');
});

test.run();
