import { isMap, isScalar, items, str } from '../model/yaml';
import { defineRule } from '../rule';

/**
 * Volume sources Pod Security restricted allows (policy/check_restrictedVolumes.go): ephemeral
 * and projected data, and persistent storage only through a claim. A volume with no source
 * defaults to emptyDir.
 */
const ALLOWED_SOURCES: ReadonlySet<string> = new Set([
  'configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'image', 'persistentVolumeClaim', 'projected', 'secret',
]);

export default defineRule<'restricted'>({
  id: 'volume-type-restricted',
  title: 'Volume type not allowed by Pod Security restricted',
  severity: 'off',
  fix: 'none',
  refs: ['PSS restricted: Volume Types'],
  messages: {
    restricted:
      'Volume "{{volume}}" uses the {{type}} source, which Pod Security restricted does not allow; use configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected or secret (persistent storage through a PersistentVolumeClaim).',
  },
  check: {
    k8s(object, ctx) {
      for (const volume of items(object.pod?.node.get('volumes'))) {
        if (!isMap(volume)) continue;
        const name = str(volume.get('name')) ?? '';
        for (const p of volume.entries()) {
          // A null source is unset.
          if (p.keyText === 'name' || ALLOWED_SOURCES.has(p.keyText) || p.value === undefined || (isScalar(p.value) && p.value.value === null)) continue;
          ctx.report({ span: p.key.span, messageId: 'restricted', data: { volume: name, type: p.keyText } });
        }
      }
    },
  },
});
