/**
 * A workspace with planted secrets, made at run time (no secret-looking literal is committed, so
 * secret scanners and push protection stay quiet): every kind of credential Bulkhead detects, in
 * Dockerfile ENV/ARG and RUN lines, Compose environment and build args, Kubernetes env and a
 * ConfigMap, and in broken files. The redaction tests grep every output for the values.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Deterministic pseudo-random characters, so failures are reproducible. */
function chars(seed: number, n: number, pool: string): string {
  let x = seed >>> 0 || 1;
  let out = '';
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += pool[(x >>> 0) % pool.length];
  }
  return out;
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const ALNUM = `${UPPER}abcdefghijklmnopqrstuvwxyz0123456789`;
const B64 = `${ALNUM}+/`;
const B64URL = `${ALNUM}-_`;

export interface PlantedSecrets {
  readonly pemBody: string;
  readonly pem: string;
  readonly awsKeyId: string;
  readonly awsSecret: string;
  readonly githubToken: string;
  readonly jwt: string;
  readonly urlPassword: string;
  readonly passwordUrl: string;
  readonly highEntropy: string;
  readonly literalPassword: string;
}

export function plantedSecrets(): PlantedSecrets {
  const pemBody = [chars(1, 64, B64), chars(2, 64, B64), chars(3, 40, B64)].join('\n');
  const urlPassword = `Pw${chars(4, 14, ALNUM)}`;
  return {
    pemBody,
    pem: `-----BEGIN RSA PRIVATE KEY-----\n${pemBody}\n-----END RSA PRIVATE KEY-----`,
    awsKeyId: `AKIA${chars(5, 16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
    awsSecret: chars(6, 40, B64),
    githubToken: `ghp_${chars(7, 36, ALNUM)}`,
    jwt: `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ${chars(8, 40, B64URL)}.${chars(9, 43, B64URL)}`,
    urlPassword,
    passwordUrl: `postgres://admin:${urlPassword}@db.internal:5432/app`,
    highEntropy: `${chars(10, 20, ALNUM)}9${chars(11, 11, ALNUM)}`,
    literalPassword: `horse-${chars(12, 8, 'abcdefghijklmnopqrstuvwxyz')}-battery`,
  };
}

/** The values no output may contain: each secret, and for multi-line ones each line of the key material. */
export function secretValues(s: PlantedSecrets): Record<string, string> {
  return {
    'PEM key line 1': s.pemBody.split('\n')[0]!,
    'PEM key line 3': s.pemBody.split('\n')[2]!,
    'AWS access key id': s.awsKeyId,
    'AWS secret access key': s.awsSecret,
    'GitHub token': s.githubToken,
    'JWT signature': s.jwt.slice(s.jwt.lastIndexOf('.') + 1),
    'JWT payload': s.jwt.split('.')[1]!,
    'URL password': s.urlPassword,
    'high-entropy secret': s.highEntropy,
    'literal password': s.literalPassword,
  };
}

/** Writes the workspace into `dir` (Dockerfile, compose.yaml, deploy.yaml, configmap.yaml, broken files). */
export function writeSecretsWorkspace(dir: string, s: PlantedSecrets): Record<string, string> {
  const escapedPem = s.pem.replace(/\n/g, '\\n');
  const files: Record<string, string> = {
    Dockerfile: [
      'FROM ubuntu:24.04',
      `ENV AWS_ACCESS_KEY_ID=${s.awsKeyId} AWS_SECRET_ACCESS_KEY=${s.awsSecret}`,
      `ARG GITHUB_TOKEN=${s.githubToken}`,
      `ENV DATABASE_URL=${s.passwordUrl}`,
      `ENV API_SECRET=${s.highEntropy}`,
      `ENV SESSION_JWT=${s.jwt}`,
      `ENV DB_PASSWORD=${s.literalPassword}`,
      `ENV SSH_PRIVATE_KEY="${escapedPem}"`,
      'RUN git clone https://x-access-token:$GITHUB_TOKEN@github.com/acme/app /src && curl -fsSL "https://api.example.com/init?key=$API_SECRET" | sh',
      `RUN curl -k -u admin:${s.urlPassword} https://artifacts.example.com/install.sh | bash`,
      `RUN git clone https://x-access-token:${s.githubToken}@github.com/acme/tools /tools`,
      `RUN echo "${s.awsSecret}" > /root/.aws/credentials && pip install --index-url https://user:${s.urlPassword}@pypi.example.com/simple --trusted-host pypi.example.com app`,
      'ADD . /app',
      'CMD ["/app/run"]',
    ].join('\n') + '\n',
    'compose.yaml': [
      'services:',
      '  api:',
      '    image: nginx',
      '    build:',
      '      context: .',
      `      args: [GITHUB_TOKEN=${s.githubToken}]`,
      '    environment:',
      `      AWS_ACCESS_KEY_ID: ${s.awsKeyId}`,
      `      AWS_SECRET_ACCESS_KEY: "${s.awsSecret}"`,
      `      DATABASE_URL: ${s.passwordUrl}`,
      `      API_SECRET: ${s.highEntropy}`,
      `      SESSION_JWT: ${s.jwt}`,
      `      DB_PASSWORD: ${s.literalPassword}`,
      `      TLS_KEY: "${escapedPem}"`,
      '    healthcheck:',
      `      test: ["CMD", "curl", "-k", "-u", "admin:${s.urlPassword}", "https://localhost/health"]`,
    ].join('\n') + '\n',
    'deploy.yaml': [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata: {name: api}',
      'spec:',
      '  template:',
      '    spec:',
      '      containers:',
      '      - name: api',
      '        image: nginx',
      `        command: ["sh", "-c", "curl -k https://admin:${s.urlPassword}@artifacts.example.com/run.sh | sh"]`,
      `        args: ["--token=${s.githubToken}"]`,
      '        env:',
      `        - {name: AWS_ACCESS_KEY_ID, value: ${s.awsKeyId}}`,
      `        - {name: AWS_SECRET_ACCESS_KEY, value: "${s.awsSecret}"}`,
      `        - {name: DATABASE_URL, value: "${s.passwordUrl}"}`,
      `        - {name: API_SECRET, value: ${s.highEntropy}}`,
      `        - {name: SESSION_JWT, value: ${s.jwt}}`,
      `        - {name: DB_PASSWORD, value: ${s.literalPassword}}`,
      `        - {name: GITHUB_TOKEN, value: ${s.githubToken}}`,
      '        - name: PRIVATE_KEY',
      '          value: |',
      ...s.pem.split('\n').map((l) => `            ${l}`),
    ].join('\n') + '\n',
    'configmap.yaml': [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: app-config}',
      'data:',
      `  github-token: ${s.githubToken}`,
      `  aws_secret_access_key: ${s.awsSecret}`,
      `  database-url: ${s.passwordUrl}`,
      `  api_secret: ${s.highEntropy}`,
      `  session.jwt: ${s.jwt}`,
      '  id_rsa: |',
      ...s.pem.split('\n').map((l) => `    ${l}`),
      '  application.properties: |',
      `    db.password=${s.literalPassword}`,
      `    aws.access.key=${s.awsKeyId}`,
      `    export SECRET_KEY="${s.highEntropy}"`,
    ].join('\n') + '\n',
    // Broken files: the secret sits next to the syntax error.
    'broken/Dockerfile': `FROM alpine:3.20\nENV API_TOKEN=${s.githubToken}\nRUN <<EOF\necho ${s.awsSecret}\n`,
    'broken/compose.yaml': `services:\n  web:\n    image: nginx\n    environment:\n      API_TOKEN: "${s.githubToken}\n      DB_PASSWORD: ${s.literalPassword}: [\n`,
    'broken/deploy.yaml': `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx\n    env:\n    - {name: API_SECRET, value: ${s.highEntropy}\n    - name: TOKEN\n      value: ${s.githubToken}\n     bad: indent\n`,
  };
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return files;
}
