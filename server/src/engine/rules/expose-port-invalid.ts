import { defineRule } from '../rule';
import { parsePortSpec, type PortProblem } from './shared/ports';

export default defineRule<PortProblem>({
  id: 'expose-port-invalid',
  title: 'EXPOSE port is invalid',
  severity: 'error',
  fix: 'none',
  refs: ['hadolint DL3011'],
  messages: {
    malformed: 'EXPOSE "{{port}}" is not a port: write PORT, PORT/PROTOCOL or START-END/PROTOCOL with numbers.',
    outOfRange: 'EXPOSE "{{port}}" is outside the valid port range 0-65535.',
    reversedRange: 'EXPOSE "{{port}}" is a range whose end is below its start; write it as START-END.',
    badProtocol: 'EXPOSE "{{port}}" has an unknown protocol; Docker accepts tcp, udp and sctp.',
    hostMapping: 'EXPOSE "{{port}}" maps a host port, which EXPOSE cannot do (Docker ignores the host part); expose the container port and publish it with "docker run -p".',
  },
  check: {
    dockerfile(model, ctx) {
      for (const ins of model.instructions) {
        if (ins.keyword !== 'EXPOSE') continue;
        for (const arg of ins.args) {
          // Build arguments and environment variables are only known at build time.
          if (arg.value.includes('$')) continue;
          const parsed = parsePortSpec(arg.value);
          if (!parsed.ok) ctx.report({ span: arg.span, messageId: parsed.problem, data: { port: arg.value } });
        }
      }
    },
  },
});
