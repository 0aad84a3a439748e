/** Every rule id of the catalogue (RULES.md). Ids are public API: this list only ever grows. */
export const CATALOGUE_IDS = [
  // image provenance and supply chain
  'image-tag-latest', 'image-digest-missing', 'image-registry-untrusted', 'image-denied', 'base-image-eol',
  'add-instead-of-copy', 'add-remote-url', 'remote-script-piped-to-shell', 'tls-verification-disabled',
  'package-signature-bypass', 'package-update-alone', 'package-version-unpinned', 'package-cache-retained',
  'apt-install-recommends', 'sudo-in-run',
  // online checks against the registry (issue 11)
  'image-digest-drift', 'image-signature-missing', 'image-signature-invalid',
  // secrets
  'secret-in-env', 'secret-in-configmap', 'secret-file-in-image', 'secret-as-env-var',
  // privilege and isolation
  'container-runs-as-root', 'run-as-non-root-unverifiable', 'privileged-container', 'privilege-escalation-allowed',
  'capabilities-dangerous', 'capabilities-not-dropped', 'root-filesystem-writable', 'seccomp-unconfined',
  'seccomp-profile-missing', 'apparmor-unconfined', 'selinux-relaxed', 'host-namespace-shared',
  'container-socket-mounted', 'host-path-sensitive', 'host-path-volume', 'host-devices-mapped', 'host-port-bound',
  'proc-mount-unmasked', 'sysctl-unsafe', 'windows-host-process', 'probe-host-override', 'volume-type-restricted',
  // resources
  'memory-limit-missing', 'cpu-limit-missing', 'memory-request-missing', 'cpu-request-missing', 'pids-limit-missing',
  // network exposure
  'port-published-all-interfaces', 'port-privileged', 'ssh-port-exposed', 'expose-port-invalid',
  'service-exposed-externally', 'datastore-port-published',
  // kubernetes identity and RBAC
  'service-account-token-automounted', 'rbac-wildcard', 'rbac-secrets-access', 'rbac-privilege-escalation',
  'rbac-cluster-admin-binding', 'namespace-default',
  // hygiene
  'healthcheck-missing', 'probe-missing', 'logging-disabled', 'cmd-shell-form', 'workdir-relative',
  'maintainer-deprecated', 'image-pull-policy',
  // cross-file (issue 10: "a .dockerignore missing next to a Dockerfile that copies its whole context")
  'dockerignore-missing',
  // engine diagnostics
  'syntax-error', 'internal-error', 'analysis-limit', 'unused-suppression', 'invalid-config',
] as const;
