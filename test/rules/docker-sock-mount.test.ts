import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintOne, positions, yaml } from '../helpers';

const RULE = 'docker-sock-mount';

test('valid: other hostPaths, look-alike names, and non-hostPath volumes', () => {
  assert.equal(
    lintOne(RULE, yaml`
      apiVersion: apps/v1
      kind: DaemonSet
      metadata: {name: agent}
      spec:
        template:
          spec:
            containers:
              - name: agent
                image: agent:1.0
            volumes:
              - name: calico
                hostPath: {path: /var/run/calico}
              - name: xtables
                hostPath: {path: /run/xtables.lock, type: FileOrCreate}
              - name: csi
                hostPath: {path: /var/lib/kubelet/plugins/disk.csi.azure.com/csi.sock}
              - name: notes
                hostPath: {path: /srv/docker.sock.bak}
              - name: runtime-data
                hostPath: {path: /run/containerd/io.containerd.runtime.v2.task}
              - name: sock
                emptyDir: {}
              - name: weird
                hostPath: {path: 42}
              - name: empty
                hostPath: {path: ""}
    `),
    [],
  );
});

test('invalid: runtime sockets under any directory, with odd spellings', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      containers:
        - name: builder
          image: docker:24
      volumes:
        - name: docker
          hostPath: {path: /var/run/docker.sock}
        - name: containerd
          hostPath:
            path: /run//containerd/containerd.sock
        - name: crio
          hostPath: {path: /var/run/crio/crio.sock/}
        - name: cri-dockerd
          hostPath: {path: /var/run/./cri-dockerd.sock}
        - name: k3s
          hostPath: {path: /run/k3s/containerd/containerd.sock}
        - name: ttrpc
          hostPath: {path: /run/containerd/containerd.sock.ttrpc}
  `);
  assert.equal(positions(findings), [
    [RULE, 10, 18],
    [RULE, 13, 9],
    [RULE, 15, 18],
    [RULE, 17, 18],
    [RULE, 19, 18],
    [RULE, 21, 18],
  ]);
  assert.ok(findings.every((finding) => finding.severity === 'error'));
  assert.match(findings[0].message, /Volume "docker" mounts a container runtime socket \(\/var\/run\/docker\.sock\)/);
});

test('invalid: socket directories (/var/run == /run) in a Deployment and a CronJob', () => {
  const findings = lintOne(RULE, yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          containers: [{name: app, image: "app:1.0"}]
          volumes:
            - {name: run, hostPath: {path: /var/run/}}
            - {name: containerd, hostPath: {path: /run/containerd}}
            - {name: up, hostPath: {path: /var/lib/../run/docker}}
    ---
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
              containers: [{name: job, image: "app:1.0"}]
              volumes:
                - hostPath: {path: /run}
  `);
  assert.equal(positions(findings), [
    [RULE, 9, 34],
    [RULE, 10, 41],
    [RULE, 11, 33],
    [RULE, 25, 26],
  ]);
  assert.match(findings[0].message, /a directory holding a container runtime socket/);
  assert.match(findings[3].message, /^A hostPath volume mounts/);
});

test('invalid: Windows named pipes of Docker and containerd', () => {
  const docker = String.raw`\\.\pipe\docker_engine`;
  const containerd = String.raw`//./pipe/Containerd-Containerd`;
  const findings = lintOne(RULE, yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: p}
    spec:
      os: {name: windows}
      containers: [{name: app, image: "app:1.0"}]
      volumes:
        - name: docker
          hostPath: {path: '${docker}'}
        - name: containerd
          hostPath: {path: '${containerd}', type: ''}
  `);
  assert.equal(positions(findings), [
    [RULE, 9, 18],
    [RULE, 11, 18],
  ]);
  assert.match(findings[0].message, /named pipe/);
});

test.run();
