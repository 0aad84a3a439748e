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

/**
 * Files no test opens (test/e2e/fixtures/ws/unopened): their diagnostics can only come from
 * "Bulkhead: Audit Workspace". The audit suite asserts the findings of AUDIT_RULES in them.
 */
export const UNOPENED_DOCKERFILE = 'unopened/Dockerfile';
export const UNOPENED_COMPOSE = 'unopened/compose.yaml';
export const UNOPENED_POD = 'unopened/pod.yaml';
export const AUDIT_RULES = ['image-tag-latest', 'add-instead-of-copy', 'privileged-container'] as const;
export const UNOPENED: Record<string, Finding[]> = {
  [UNOPENED_DOCKERFILE]: [
    finding('image-tag-latest', 'warning', [1, 12, 1, 18]), //       FROM alpine:latest
    finding('add-instead-of-copy', 'warning', [2, 0, 2, 3]), //     ADD run.sh /run.sh
  ],
  [UNOPENED_COMPOSE]: [
    finding('image-tag-latest', 'warning', [3, 17, 3, 23]), //      image: redis:latest
    finding('privileged-container', 'error', [4, 16, 4, 20]), //   privileged: true
  ],
  [UNOPENED_POD]: [
    finding('image-tag-latest', 'warning', [8, 21, 8, 27]), //      image: busybox:latest
    finding('privileged-container', 'error', [10, 20, 10, 24]), // privileged: true
  ],
};
