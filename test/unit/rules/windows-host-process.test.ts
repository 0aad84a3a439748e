import rule from '../../../server/src/engine/rules/windows-host-process';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    dedent`
      apiVersion: v1
      kind: Pod
      metadata: {name: p}
      spec:
        os: {name: windows}
        securityContext:
          windowsOptions: {hostProcess: false, runAsUserName: "ContainerUser"}
        containers:
        - name: app
          image: mcr.microsoft.com/windows/nanoserver:ltsc2022
          securityContext:
            windowsOptions: {}
    `,
    { name: 'k8s: a quoted "true" is rejected by the API server, not reported', code: 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  securityContext: {windowsOptions: {hostProcess: "true"}}\n  containers: [{name: app, image: "example/app:1"}]\n' },
  ],
  invalid: [
    {
      code: dedent`
        apiVersion: v1
        kind: Pod
        metadata: {name: p}
        spec:
          hostNetwork: true
          securityContext:
            windowsOptions:
              hostProcess: true
          containers: [{name: app, image: "example/app:1"}]
      `,
      errors: [
        {
          messageId: 'hostProcess',
          message:
            'The pod sets windowsOptions.hostProcess: true, so its containers run directly on the Windows node with access to its processes, files and network, outside any container isolation.',
          line: 8,
          column: 20,
          endLine: 8,
          endColumn: 24,
          severity: 'error',
        },
      ],
    },
    {
      name: 'k8s: every container type, YAML 1.1 boolean, List in the third document',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        ---
        apiVersion: v1
        kind: List
        items:
        - apiVersion: apps/v1
          kind: DaemonSet
          metadata: {name: agent}
          spec:
            template:
              spec:
                hostNetwork: true
                initContainers:
                - name: init
                  image: example/init:1
                  securityContext: {windowsOptions: {hostProcess: yes}}
                containers:
                - name: agent
                  image: example/agent:1
                  securityContext:
                    windowsOptions:
                      hostProcess: true
                ephemeralContainers:
                - name: debug
                  image: example/debug:1
                  securityContext: {windowsOptions: {hostProcess: True}}
      `,
      errors: [
        { messageId: 'hostProcess', line: 22, column: 59, endLine: 22, endColumn: 62 },
        {
          messageId: 'hostProcess',
          message:
            'Container "agent" sets windowsOptions.hostProcess: true, so it runs directly on the Windows node with access to its processes, files and network, outside any container isolation.',
          line: 28,
          column: 28,
          endLine: 28,
          endColumn: 32,
        },
        { messageId: 'hostProcess', message: rule.messages.hostProcess.replace('{{subject}}', 'Ephemeral container "debug"').replace('{{scope}}', 'it runs'), line: 32, column: 59, endLine: 32, endColumn: 63 },
      ],
    },
  ],
});
