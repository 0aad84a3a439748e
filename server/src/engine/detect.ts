import { isComposeFileName } from './model/compose';
import type { FileKind } from './rule';

const NOT_DOCKERFILE_SUFFIX = /\.(dockerignore|md|txt|json|ya?ml|sh|ps1|py|go|js|ts|orig|rej|bak|swp|lock)$/i;

/** `Dockerfile`, `Containerfile`, `*.dockerfile`, `Dockerfile.*` / `Containerfile.*` (not `Dockerfile.dockerignore`, docs, scripts). */
export function isDockerfileName(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const lower = base.toLowerCase();
  if (lower === 'dockerfile' || lower === 'containerfile') return true;
  if (lower.endsWith('.dockerfile') || lower.endsWith('.containerfile')) return true;
  return /^(dockerfile|containerfile)[.-]/.test(lower) && !NOT_DOCKERFILE_SUFFIX.test(lower);
}

export function isYamlName(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

// Top-level keys, cheaply: a line starting at column 0.
const K8S_API_VERSION = /^apiVersion:[ \t]*["']?[\w./-]+/m;
const K8S_KIND = /^kind:[ \t]*["']?[A-Za-z]/m;
const COMPOSE_SERVICES = /^services:[ \t]*(#.*)?$/m;

/**
 * The kind of a file by name and content. YAML files are `k8s` when a document has top-level
 * `apiVersion` and `kind`, `compose` when it has a top-level `services` map or a compose file
 * name, else `other`. The YAML model then classifies each document on its own.
 */
export function detectKind(path: string, text: string): FileKind {
  if (isDockerfileName(path)) return 'dockerfile';
  if (!isYamlName(path)) return 'other';
  if (K8S_API_VERSION.test(text) && K8S_KIND.test(text)) return 'k8s';
  if (isComposeFileName(path) || COMPOSE_SERVICES.test(text)) return 'compose';
  return 'other';
}
