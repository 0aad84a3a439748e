import rule from '../../../server/src/engine/rules/probe-host-override';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        containers:
        - name: app
          image: nginx:1.27
          livenessProbe:
            httpGet: {path: /healthz, port: 8080, httpHeaders: [{name: Host, value: example.com}]}
          readinessProbe:
            tcpSocket: {port: 8080, host: ""}
          startupProbe:
            grpc: {port: 9090}
          lifecycle:
            preStop:
              exec: {command: [sh, -c, "sleep 5"]}
    `,
  ],
  invalid: [
    {
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          containers:
          - name: app
            image: nginx:1.27
            livenessProbe:
              httpGet:
                host: 169.254.169.254
                path: /latest/meta-data/
                port: 80
      `,
      errors: [
        {
          messageId: 'host',
          message:
            'Container "app" livenessProbe.httpGet targets host "169.254.169.254": the kubelet sends that request from the node, so it can reach addresses the pod itself cannot; leave host unset to target the pod IP.',
          line: 10,
          column: 15,
          endLine: 10,
          endColumn: 30,
          severity: 'warning',
        },
      ],
    },
    {
      name: 'k8s: every probe and lifecycle handler, every container type, third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        spec:
          template:
            spec:
              initContainers:
              - name: init
                image: busybox:1.36
                restartPolicy: Always
                startupProbe: {tcpSocket: {host: "10.0.0.1", port: 22}}
              containers:
              - name: web
                image: nginx:1.27
                readinessProbe:
                  tcpSocket: {host: localhost, port: 6443}
                lifecycle:
                  postStart:
                    httpGet: {host: bad.host, port: 8080}
                  preStop:
                    tcpSocket: {host: 127.0.0.1, port: 10250}
              ephemeralContainers:
              - name: debug
                image: busybox:1.36
                lifecycle: {preStop: {httpGet: {host: 'metadata.google.internal', port: 80}}}
      `,
      errors: [
        { messageId: 'host', message: 'Init container "init" startupProbe.tcpSocket targets host "10.0.0.1": the kubelet sends that request from the node, so it can reach addresses the pod itself cannot; leave host unset to target the pod IP.', line: 19, column: 42, endLine: 19, endColumn: 52 },
        { messageId: 'host', line: 24, column: 29, endLine: 24, endColumn: 38 },
        { messageId: 'host', line: 27, column: 29, endLine: 27, endColumn: 37 },
        { messageId: 'host', message: 'Container "web" lifecycle.preStop.tcpSocket targets host "127.0.0.1": the kubelet sends that request from the node, so it can reach addresses the pod itself cannot; leave host unset to target the pod IP.', line: 29, column: 31, endLine: 29, endColumn: 40 },
        { messageId: 'host', line: 33, column: 47, endLine: 33, endColumn: 73 },
      ],
    },
  ],
});
