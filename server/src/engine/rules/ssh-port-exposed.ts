import { composePorts } from '../model/compose';
import { finalStage, stageChain } from '../model/dockerfile';
import { k8sInt } from '../model/k8s';
import { isMap, items, str, type YNode } from '../model/yaml';
import { defineRule } from '../rule';
import { packageCommands, packageName } from './shared/packages';
import { parsePortSpec, rangeIncludes } from './shared/ports';

const SSH = 22;
/** Packages that install an SSH daemon. */
const SSH_SERVER_PACKAGES = /^(openssh-server(-pam)?|dropbear)$/;

type MessageId = 'exposeSsh' | 'sshServer' | 'publishedSsh' | 'containerPort' | 'servicePort';

export default defineRule<MessageId>({
  id: 'ssh-port-exposed',
  title: 'SSH port exposed or SSH server installed',
  severity: 'warning',
  fix: 'none',
  refs: ['CIS Docker 5.7', 'hadolint DL3001', 'kube-linter ssh-port'],
  messages: {
    exposeSsh: 'EXPOSE "{{port}}" opens the SSH port 22; containers should not run an SSH daemon, use "docker exec" to get a shell.',
    sshServer: 'The image installs the SSH server "{{name}}"; containers should not run an SSH daemon, use "docker exec" or "kubectl exec" to get a shell.',
    publishedSsh: 'Service "{{service}}" publishes the SSH port 22 of its container; containers should not run an SSH daemon, use "docker compose exec" to get a shell.',
    containerPort: 'Container "{{container}}" declares the SSH port 22; containers should not run an SSH daemon, use "kubectl exec" to get a shell.',
    servicePort: 'Service "{{name}}" exposes the SSH port 22; containers should not run an SSH daemon, use "kubectl exec" to get a shell.',
  },
  check: {
    dockerfile(model, ctx) {
      const stage = finalStage(model);
      if (!stage) return;
      // What ships: the final stage and the stages it is built FROM.
      for (const ins of stageChain(stage).reverse().flatMap((s) => s.instructions)) {
        if (ins.onbuild) continue;
        if (ins.keyword === 'EXPOSE') {
          for (const arg of ins.args) {
            if (isSshPort(arg.value)) ctx.report({ span: arg.span, messageId: 'exposeSsh', data: { port: arg.value } });
          }
        } else if (ins.keyword === 'RUN') {
          for (const pc of packageCommands(ins)) {
            if (pc.action !== 'install' || pc.manager === 'pip' || pc.manager === 'npm' || pc.manager === 'yarn' || pc.manager === 'gem') continue;
            for (const word of pc.packages) {
              const name = packageName(pc, word.value);
              if (SSH_SERVER_PACKAGES.test(name) || (pc.manager === 'apk' && name === 'openssh')) {
                ctx.report({ span: word.span, messageId: 'sshServer', data: { name } });
              }
            }
          }
        }
      }
    },
    compose(file, ctx) {
      for (const service of file.services) {
        for (const port of composePorts(service)) {
          if (port.target === undefined || !isSshPort(port.protocol ? `${port.target}/${port.protocol}` : port.target)) continue;
          const at = isMap(port.node) ? (port.node.get('target') ?? port.node) : port.node;
          ctx.report({ span: at.span, messageId: 'publishedSsh', data: { service: service.name } });
        }
      }
    },
    k8s(object, ctx) {
      for (const container of object.pod?.containers ?? []) {
        for (const port of items(container.node.get('ports'))) {
          if (!isMap(port) || !isTcp(port.get('protocol'))) continue;
          const node = port.get('containerPort');
          if (node && k8sInt(node) === SSH) ctx.report({ span: node.span, messageId: 'containerPort', data: { container: container.name } });
        }
      }
      if (object.kind !== 'Service') return;
      const spec = object.node.get('spec');
      for (const port of items(isMap(spec) ? spec.get('ports') : undefined)) {
        if (!isMap(port) || !isTcp(port.get('protocol'))) continue;
        const node = [port.get('port'), port.get('targetPort')].find((n) => n !== undefined && k8sInt(n) === SSH);
        if (node) ctx.report({ span: node.span, messageId: 'servicePort', data: { name: object.name ?? 'unnamed' } });
      }
    },
  },
});

/** `22`, `22/tcp`, or a TCP range that contains 22. Variables are not resolved. */
function isSshPort(text: string): boolean {
  if (text.includes('$')) return false;
  const parsed = parsePortSpec(text);
  return parsed.ok && parsed.range.protocol === 'tcp' && rangeIncludes(parsed.range, SSH);
}

/** Kubernetes ports are TCP unless `protocol` says otherwise. */
function isTcp(protocol: YNode | undefined): boolean {
  const p = str(protocol);
  return p === undefined || p === 'TCP';
}
