import { composeEnv } from '../model/compose';
import { isMap, items, str } from '../model/yaml';
import { defineRule, type RuleContext } from '../rule';
import type { Span } from '../source';
import { insecureEnv, insecureTlsInScript } from './shared/tls';

type MessageId = 'flag' | 'setting' | 'env';

export default defineRule<MessageId>({
  id: 'tls-verification-disabled',
  title: 'TLS certificate verification disabled',
  severity: 'error',
  fix: 'none',
  refs: ['CKV2_DOCKER_2', 'CKV2_DOCKER_3', 'CKV2_DOCKER_4', 'CKV2_DOCKER_5', 'CKV2_DOCKER_6', 'CKV2_DOCKER_12', 'CKV2_DOCKER_13', 'CKV2_DOCKER_14', 'CKV2_DOCKER_15', 'CKV2_DOCKER_16', 'CWE-295'],
  messages: {
    flag: '{{tool}} option {{option}} turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.',
    setting: 'The {{tool}} setting {{setting}} turns off TLS certificate verification, so anyone on the network path can tamper with what is downloaded.',
    env: 'Environment variable {{name}} turns off TLS certificate verification for {{tool}}, so anyone on the network path can read or tamper with its connections.',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.shell) {
          for (const f of insecureTlsInScript(ins.shell)) {
            if (f.kind === 'flag') ctx.report({ span: f.span, messageId: 'flag', data: { tool: f.tool, option: f.detail } });
            else if (f.kind === 'setting') ctx.report({ span: f.span, messageId: 'setting', data: { tool: f.tool, setting: f.detail } });
            else ctx.report({ span: f.span, messageId: 'env', data: { name: f.detail, tool: f.tool } });
          }
        }
        // ARG values are in the environment of the RUN instructions that follow, like ENV.
        if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
          for (const p of ins.properties) checkEnv(p.name, p.nameSpan, p.value, p.valueSpan, ctx);
        }
      }
    },
    compose(file, ctx) {
      for (const service of file.services) {
        const build = service.node.get('build');
        for (const env of [...composeEnv(service.node.get('environment')), ...(isMap(build) ? composeEnv(build.get('args')) : [])]) {
          checkEnv(env.name, env.nameSpan, env.value, env.valueSpan, ctx);
        }
      }
    },
    k8s(object, ctx) {
      for (const container of object.pod?.containers ?? []) {
        for (const item of items(container.node.get('env'))) {
          if (!isMap(item)) continue;
          const nameNode = item.get('name');
          const valueNode = item.get('value');
          const name = str(nameNode);
          if (name === undefined || !nameNode || !valueNode) continue;
          checkEnv(name, nameNode.span, str(valueNode) ?? '', valueNode.span, ctx);
        }
      }
    },
  },
});

function checkEnv(name: string, nameSpan: Span, value: string | undefined, valueSpan: Span | undefined, ctx: RuleContext<MessageId>): void {
  const hit = insecureEnv(name, value);
  if (!hit) return;
  // Point at the value when the value is the problem, at the name when setting it at all is.
  const span = hit.presenceOnly || !valueSpan ? nameSpan : valueSpan;
  ctx.report({ span, messageId: 'env', data: { name, tool: hit.tool } });
}
