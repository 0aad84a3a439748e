import { finalStage, lastInChain, stageChain, type Stage } from '../model/dockerfile';
import { isMap, str, type YMap } from '../model/yaml';
import { basename } from '../parse/shell';
import { defineRule } from '../rule';

/** Programs that are long-running network services when they are the container's command. */
const SERVERS = new Set([
  'nginx', 'httpd', 'httpd-foreground', 'apache2', 'apache2-foreground', 'apache2ctl', 'apachectl', 'caddy', 'traefik', 'haproxy',
  'envoy', 'gunicorn', 'uvicorn', 'hypercorn', 'daphne', 'waitress-serve', 'uwsgi', 'puma', 'unicorn', 'catalina.sh', 'redis-server',
  'postgres', 'mysqld', 'mysqld_safe', 'mariadbd', 'mongod', 'memcached', 'rabbitmq-server', 'supervisord', 'php-fpm', 'lighttpd', 'squid',
]);
/** Versioned PHP-FPM binaries: php-fpm8.2, php-fpm82. */
const PHP_FPM = /^php-fpm[\d.]*$/;

export default defineRule<'noHealthcheck' | 'serviceNoHealthcheck'>({
  id: 'healthcheck-missing',
  title: 'No health check',
  severity: 'info',
  fix: 'none',
  refs: ['CIS Docker 4.6', 'CIS Docker 5.27', 'CKV_DOCKER_2'],
  messages: {
    noHealthcheck:
      'The image runs a service ({{reason}}) but has no HEALTHCHECK, so Docker cannot tell a hung service from a healthy one; add HEALTHCHECK CMD ... (or HEALTHCHECK NONE to opt out explicitly).',
    serviceNoHealthcheck:
      'Service "{{service}}" has no healthcheck, so Compose cannot tell a hung container from a healthy one (unless its image defines one); add healthcheck: (or healthcheck: {disable: true} to opt out explicitly).',
  },
  check: {
    dockerfile(model, ctx) {
      const stage = finalStage(model);
      // Any HEALTHCHECK in what ships counts, HEALTHCHECK NONE included: it is an explicit decision.
      if (!stage || lastInChain(stage, 'HEALTHCHECK')) return;
      const reason = serviceReason(stage);
      if (!reason) return;
      ctx.report({ span: stage.from.keywordSpan, messageId: 'noHealthcheck', data: { reason } });
    },
    compose(file, ctx) {
      const jobs = oneShotServices(file.services.map((s) => s.node));
      for (const service of file.services) {
        const node = service.node;
        if (!node.has('image') && !node.has('build')) continue;
        // A healthcheck (or `disable: true`), or one inherited through `extends`, is a decision already made.
        // An empty `healthcheck:` configures nothing.
        if (isMap(node.get('healthcheck')) || node.has('extends')) continue;
        if (jobs.has(service.name)) continue;
        ctx.report({ span: service.nameSpan, messageId: 'serviceNoHealthcheck', data: { service: service.name } });
      }
    },
  },
});

/**
 * Why the final stage looks like a long-running service: it EXPOSEs a port, or its command is a
 * well-known server. Undefined for CLI tools, batch jobs and base images, which have nothing to check.
 */
function serviceReason(stage: Stage): string | undefined {
  const expose = stageChain(stage).flatMap((s) => s.instructions).find((i) => i.keyword === 'EXPOSE' && !i.onbuild && i.args.length > 0);
  if (expose) return `it exposes ${expose.args.map((a) => a.value).join(', ')}`;
  for (const keyword of ['ENTRYPOINT', 'CMD']) {
    const ins = lastInChain(stage, keyword);
    for (const arg of ins?.args ?? []) {
      const program = basename(arg.value);
      if (SERVERS.has(program) || PHP_FPM.test(program)) return `it runs ${program}`;
    }
  }
  return undefined;
}

/** Services that others wait for with `condition: service_completed_successfully`: jobs, not services. */
function oneShotServices(services: readonly YMap[]): Set<string> {
  const out = new Set<string>();
  for (const node of services) {
    const deps = node.get('depends_on');
    if (!isMap(deps)) continue;
    for (const p of deps.entries()) {
      if (isMap(p.value) && str(p.value.get('condition')) === 'service_completed_successfully') out.add(p.keyText);
    }
  }
  return out;
}
