import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'sensitive-host-mounts';

test('valid: narrow, non-sensitive host paths and look-alike prefixes', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        template:
          spec:
            containers: [{name: agent, image: "agent:1.0"}]
            volumes:
              - {name: a, hostPath: {path: /opt/agent}}
              - {name: b, hostPath: {path: /etcetera}}
              - {name: c, hostPath: {path: /var/lib/kubelet-plugins-not-really}}
              - {name: d, hostPath: {path: /var/logs}}
              - {name: e, hostPath: {path: /run/xtables.lock}}
              - {name: f, hostPath: {path: /var/run/docker.sock}}
              - {name: g, hostPath: {path: /mnt/data}}
              - {name: h, emptyDir: {}}
              - {name: i, hostPath: {path: [/etc]}}
              - {name: j, hostPath: null}
    `),
    [],
  );
});

test('invalid: the root filesystem, system directories and everything under them', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers: [{name: app, image: "app:1.0"}]
      volumes:
        - {name: root, hostPath: {path: /}}
        - {name: root2, hostPath: {path: //}}
        - {name: etc, hostPath: {path: /etc/kubernetes/pki/}}
        - {name: proc, hostPath: {path: /proc}}
        - {name: sys, hostPath: {path: /sys/fs/cgroup}}
        - {name: dev, hostPath: {path: /dev}}
        - {name: boot, hostPath: {path: /boot}}
        - {name: home, hostPath: {path: /home/azureuser/.ssh}}
        - {name: roothome, hostPath: {path: /root}}
        - {name: kubelet, hostPath: {path: /var/lib/kubelet/pods}}
        - {name: docker, hostPath: {path: /var/lib/docker/containers}}
        - {name: containerd, hostPath: {path: /var/lib/containerd}}
        - {name: crio, hostPath: {path: /var/lib/containers/storage}}
        - {name: etcd, hostPath: {path: /var/lib/etcd}}
  `);
  assert.equal(
    positions(findings).map(([, line]) => line),
    [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20],
  );
  assert.ok(findings.every((finding) => finding.severity === 'error'));
  assert.equal(positions(findings)[0], [RULE, 7, 31]);
  assert.match(findings[0].message, /Volume "root" mounts the host path \/; it holds the node's whole root filesystem/);
  assert.match(findings[2].message, /mounts the host path \/etc\/kubernetes\/pki\/ \(under \/etc\); \/etc holds host configuration, \/etc\/shadow and the kubeconfigs and PKI/);
});

test('invalid: a parent of a sensitive directory, and paths written with .. or //', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          containers: [{name: app, image: "app:1.0"}]
          volumes:
            - name: var
              hostPath: {path: /var}
            - name: varlib
              hostPath:
                path: /var/lib/
            - name: sneaky
              hostPath: {path: /opt/../etc//ssh}
  `);
  assert.equal(positions(findings), [
    [RULE, 10, 22],
    [RULE, 13, 13],
    [RULE, 15, 22],
  ]);
  assert.match(findings[0].message, /mounts the host path \/var \(which contains \/var\/lib\/kubelet\); \/var\/lib\/kubelet holds every pod's volumes/);
  assert.match(findings[2].message, /\/opt\/\.\.\/etc\/\/ssh/);
});

test('invalid: /var/log is an error when writable, a warning when every mount is read-only', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: logs}
    spec:
      template:
        spec:
          initContainers:
            - name: init
              image: busybox:1.36
              volumeMounts: [{name: ro, mountPath: /host/log, readOnly: true}]
          containers:
            - name: shipper
              image: fluent-bit:3.0
              volumeMounts:
                - {name: ro, mountPath: /var/log, readOnly: true}
                - {name: rw, mountPath: /host/rw}
                - {name: mixed, mountPath: /host/mixed, readOnly: true}
            - name: other
              image: busybox:1.36
              volumeMounts:
                - {name: mixed, mountPath: /host/mixed}
          volumes:
            - {name: ro, hostPath: {path: /var/log}}
            - {name: rw, hostPath: {path: /var/log/pods}}
            - {name: mixed, hostPath: {path: /var/log}}
            - {name: unused, hostPath: {path: /var/log}}
  `);
  assert.equal(
    findings.map((finding) => [finding.line, finding.severity]),
    [
      [23, 'warning'],
      [24, 'error'],
      [25, 'error'],
      [26, 'error'],
    ],
  );
  assert.match(findings[0].message, /mounts the host path \/var\/log read-only; \/var\/log holds every pod's logs: mount only/);
  assert.match(findings[1].message, /known escape through the kubelet's log endpoint/);
});

test('valid: harmless device files, and CA bundles or the time zone mounted read-only', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
          - name: app
            image: app:1.0
            volumeMounts:
              - {name: certs, mountPath: /etc/ssl/certs, readOnly: true}
              - {name: tz, mountPath: /etc/localtime, readOnly: true}
              - {name: syslog, mountPath: /dev/log}
        volumes:
          - {name: null-device, hostPath: {path: /dev/null}}
          - {name: syslog, hostPath: {path: /dev/log}}
          - {name: certs, hostPath: {path: /etc/ssl/certs}}
          - {name: tz, hostPath: {path: /etc/localtime, type: File}}
    `),
    [],
  );
});

test('invalid: a CA bundle or the time zone mounted writable', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: app
          image: app:1.0
          volumeMounts:
            - {name: certs, mountPath: /etc/ssl/certs}
            - {name: tz, mountPath: /etc/localtime, readOnly: false}
      volumes:
        - {name: certs, hostPath: {path: /etc/ssl/certs}}
        - {name: tz, hostPath: {path: /etc/localtime}}
  `);
  assert.equal(
    findings.map((finding) => [finding.line, finding.severity]),
    [
      [12, 'error'],
      [13, 'error'],
    ],
  );
});

test('invalid: Windows host paths on a CronJob', () => {
  const drive = 'C:\\';
  const system32 = 'C:\\Windows\\System32';
  const data = 'D:\\data';
  const findings = lintOne(RULE, yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: c}
    spec:
      schedule: "@daily"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: Never
              nodeSelector: {kubernetes.io/os: windows}
              containers: [{name: job, image: "app:1.0"}]
              volumes:
                - {name: drive, hostPath: {path: '${drive}'}}
                - {name: k, hostPath: {path: 'c:/k/config'}}
                - {name: win, hostPath: {path: '${system32}'}}
                - {name: fine, hostPath: {path: '${data}'}}
  `);
  assert.equal(
    findings.map((finding) => finding.line),
    [14, 15, 16],
  );
  assert.match(findings[1].message, /AKS Windows nodes/);
});

test.run();
