import { YamlEditor } from '../fix/yaml-edit';
import { effectiveSecurity, k8sBool } from '../model/k8s';
import { nodeSpan } from '../model/yaml';
import { defineRule } from '../rule';
import { compileImagePattern, matchesImagePattern } from './shared/images';
import { displayPath } from './shared/paths';

export default defineRule<'namedUser'>({
  id: 'run-as-non-root-unverifiable',
  title: 'runAsNonRoot cannot be checked for a named user',
  severity: 'warning',
  fix: 'suggestion',
  // The image's Dockerfile is another file of the workspace (ctx.project).
  crossDocument: true,
  refs: ['hadolint DL3066', 'Kubernetes: runAsNonRoot'],
  messages: {
    namedUser:
      'Container "{{container}}" sets runAsNonRoot: true without runAsUser, but its image (built from {{dockerfile}}) runs as USER {{user}}, a name: the kubelet cannot verify that a name is not root and refuses to start the container. Use a numeric USER or set runAsUser.',
  },
  check: {
    k8s(object, ctx) {
      if (!ctx.project) return;
      for (const c of object.pod?.containers ?? []) {
        const image = c.image;
        if (!image) continue;
        const nonRoot = effectiveSecurity(c, 'runAsNonRoot');
        if (!nonRoot || k8sBool(nonRoot.node) !== true || effectiveSecurity(c, 'runAsUser')) continue;
        // Config `images` maps image names to workspace Dockerfiles; compose `image:` + `build:` does too.
        const mapped = Object.entries(ctx.config.images).find(([pattern]) => matchesImagePattern(image, compileImagePattern(pattern, false)))?.[1];
        const dockerfile = mapped ?? ctx.project.imageDockerfile(`${image.registry}/${image.repository}`);
        const built = dockerfile ? ctx.project.builtImage(dockerfile) : undefined;
        if (!dockerfile || !built || built.runsAs !== 'non-root' || built.named !== true) continue;
        const editor = new YamlEditor(ctx.source);
        const suggest =
          built.uid === undefined
            ? undefined
            : [{
                title: `Set runAsUser: ${built.uid} (the UID the Dockerfile gives ${built.user})`,
                edits: c.securityContext ? editor.ensure(c.securityContext, { runAsUser: built.uid }) : editor.ensure(c.node, { securityContext: { runAsUser: built.uid } }),
              }];
        ctx.report({
          span: nodeSpan(nonRoot.node),
          messageId: 'namedUser',
          data: { container: c.name, dockerfile: displayPath(dockerfile, ctx.source.path), user: built.user ?? '' },
          related: [{ file: built.dockerfile, span: built.span, message: `USER ${built.user ?? ''} is a name, not a numeric UID` }],
          ...(suggest ? { suggest } : {}),
        });
      }
    },
  },
});
