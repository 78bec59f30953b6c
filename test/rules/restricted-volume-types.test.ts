import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

test('valid: the nine allowed volume types, and a volume with no source (defaulted to emptyDir)', () => {
  assert.equal(
    lintOne('restricted-volume-types', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: a
            image: nginx:1.25
        volumes:
          - name: scratch
          - {name: config, configMap: {name: c}}
          - {name: blob, csi: {driver: blob.csi.azure.com}}
          - {name: labels, downwardAPI: {items: [{path: labels, fieldRef: {fieldPath: metadata.labels}}]}}
          - {name: tmp, emptyDir: {medium: Memory}}
          - name: cache
            ephemeral:
              volumeClaimTemplate:
                spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
          - {name: model, image: {reference: "myregistry.azurecr.io/models/llm:1.0"}}
          - {name: data, persistentVolumeClaim: {claimName: data}}
          - {name: token, projected: {sources: []}}
          - {name: tls, secret: {secretName: tls}}
          - {name: nulled, hostPath: null}
    `),
    [],
  );
});

test('valid: malformed volumes do not crash', () => {
  assert.equal(
    lintOne('restricted-volume-types', yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers: []
        volumes:
          - nfs
          - [hostPath]
    `),
    [],
  );
});

test('invalid: hostPath and network volume sources, at the source key', () => {
  const findings = lintOne('restricted-volume-types', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
      volumes:
        - name: logs
          hostPath: {path: /var/log}
        - name: share
          nfs:
            server: nfs.example.com
            path: /exports
        - name: files
          azureFile: {secretName: storage, shareName: share}
        - name: repo
          gitRepo: {repository: "https://example.com/repo.git"}
  `);
  assert.equal(positions(findings), [
    ['restricted-volume-types', 10, 7],
    ['restricted-volume-types', 12, 7],
    ['restricted-volume-types', 16, 7],
    ['restricted-volume-types', 18, 7],
  ]);
  assert.match(findings[0].message, 'Volume "logs" uses the hostPath volume type');
  assert.match(findings[1].message, 'nfs');
});

test('invalid: a volume with an allowed and a forbidden source still reports the forbidden one', () => {
  const findings = lintOne('restricted-volume-types', yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: a
          image: nginx:1.25
      volumes:
        - name: mixed
          secret: {secretName: s}
          hostPath: {path: /etc}
  `);
  assert.equal(positions(findings), [['restricted-volume-types', 11, 7]]);
});

test('invalid: a CronJob with an azureDisk volume and no name', () => {
  const findings = lintOne('restricted-volume-types', yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@hourly"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              containers:
                - name: a
                  image: busybox:1.36
              volumes:
                - azureDisk: {diskName: d, diskURI: uri}
  `);
  assert.equal(positions(findings), [['restricted-volume-types', 15, 15]]);
  assert.match(findings[0].message, 'Volume #1 uses the azureDisk volume type');
});

test.run();
