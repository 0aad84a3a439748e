// What the fixture workspace (test/e2e/fixtures/ws) is expected to produce, 0-based ranges.
import { finding, type Finding } from './helpers';

export const DOCKERFILE = 'Dockerfile';
export const COMPOSE = 'compose.yaml';
export const K8S = 'k8s/deployment.yaml';
export const FIX_ON_SAVE = 'fix-on-save/Dockerfile';

/** The rules this suite asserts; findings of other rules are ignored (see findingsOf). */
export const RULES = ['image-tag-latest', 'apt-install-recommends', 'add-instead-of-copy'] as const;

export const EXPECTED: Record<string, { language: string; findings: Finding[] }> = {
  [DOCKERFILE]: {
    language: 'dockerfile',
    findings: [
      finding('image-tag-latest', 'warning', [1, 12, 1, 18]), //       FROM ubuntu:latest
      finding('apt-install-recommends', 'info', [3, 22, 3, 37]), //   apt-get install -y curl
      finding('add-instead-of-copy', 'warning', [4, 0, 4, 3]), //     ADD app.py /app/
    ],
  },
  [COMPOSE]: {
    language: 'dockercompose', // VS Code's yaml extension gives compose.yaml this language id
    findings: [finding('image-tag-latest', 'warning', [3, 17, 3, 23])], // image: nginx:latest
  },
  [K8S]: {
    language: 'yaml',
    findings: [finding('image-tag-latest', 'warning', [14, 17, 14, 46])], // image: registry.example.com/acme/api
  },
};
