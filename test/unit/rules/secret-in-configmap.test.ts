import assert from 'node:assert/strict';
import { lint } from '../../../server/src/engine/lint';
import rule from '../../../server/src/engine/rules/secret-in-configmap';
import { SourceFile } from '../../../server/src/engine/source';
import { dedent, RuleTester, testConfig } from '../../rule-tester';

// Credential-shaped values are assembled at run time (no token-looking literal in the repository).
const GH = ['ghp', '_', 'R8mQ2vXk'.repeat(4), 'Za9T'].join(''); // 40 chars
const PEM_HEADER = ['-----BEGIN ', 'RSA PRIVATE KEY', '-----'].join(''); // 31 chars
const PEM_BASE64 = Buffer.from(`${PEM_HEADER}\nMIIEpAIBAAKCAQEA\n`).toString('base64');

const MOVE = 'ConfigMaps are stored and shown in plain text to anyone who can read them, so move it to a Secret.';

new RuleTester().run(rule, {
  valid: [
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  DB_HOST: db\n  LOG_LEVEL: debug\n  GPG_KEY: 7169605F62C751356D054A26A821E680E5FA6305\n',
    {
      name: 'templates, empty passwords, files and references in embedded configs',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: app}
        data:
          DB_PASSWORD: \${DB_PASSWORD}
          DB_PASSWORD_FILE: /etc/secrets/db
          application.properties: |
            spring.datasource.password=\${DB_PASSWORD}
            empty.password=
            jasypt.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)
          config.yaml: |
            database:
              password: ""
              password_file: /run/secrets/db
              token: "{{ .Values.token }}"
            secretEnv: OIDC_CLIENT_SECRET
            auth:
              passwordConnector: local
          settings.py: |
            PASSWORD = os.environ["PASSWORD"]
            token = request.headers.get("X-Token")
          nsswitch.conf: |
            passwd:  files
            shadow:  files
      `,
    },
    { name: 'a Secret is the right place', code: 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  DB_PASSWORD: hunter2hunter\n' },
    { name: 'certificates are public', code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ca}\ndata:\n  ca.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\nbinaryData:\n  ca.der: MIIBIjAN\n' },
  ],
  invalid: [
    {
      name: 'secret-like key with a literal value',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  DB_HOST: db\n  DB_PASSWORD: hunter2hunter\n',
      errors: [{ messageId: 'secretKey', message: `ConfigMap key "DB_PASSWORD" holds a literal secret (**** 13 chars); ${MOVE}`, line: 6, column: 16, endLine: 6, endColumn: 29, severity: 'error' }],
    },
    {
      name: 'token format under any key points at the token',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  git: "https://github.com/org/repo?auth=${GH}"\n`,
      errors: [{ messageId: 'credential', message: `ConfigMap key "git" contains a GitHub token (**** 40 chars); ${MOVE}`, line: 5, column: 42, endLine: 5, endColumn: 82 }],
    },
    {
      name: 'private key block in a file value',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tls}\ndata:\n  tls.key: |\n    ${PEM_HEADER}\n    MIIEpAIBAAKCAQEA\n`,
      errors: [{ messageId: 'credential', line: 6, column: 5, endLine: 6, endColumn: 36 }],
    },
    {
      name: 'settings inside embedded config files: properties, YAML, Python, XML, .npmrc',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: app}
        data:
          application.properties: |
            spring.datasource.url=jdbc:postgresql://db/app
            spring.datasource.password=s3cr3tv4lue9
          config.yaml: |
            database:
              password: "hunter2hunter"
            auth:
              client_secret: abcd1234efgh # comment
          settings.py: |
            SECRET_KEY = "django-insecure-ab12cd34"
          web.xml: |
            <password>xmlpass99</password>
          .npmrc: |
            //registry.npmjs.org/:_authToken=abcdef123456
      `,
      errors: [
        {
          messageId: 'embedded',
          message: 'ConfigMap key "application.properties" sets spring.datasource.password to a literal secret (**** 12 chars); move the value to a Secret and reference it (environment variable or mounted file).',
          line: 7,
          column: 32,
          endLine: 7,
          endColumn: 44,
          severity: 'error',
        },
        { messageId: 'embedded', line: 10, column: 17, endLine: 10, endColumn: 32 },
        { messageId: 'embedded', line: 12, column: 22, endLine: 12, endColumn: 34 },
        { messageId: 'embedded', line: 14, column: 18, endLine: 14, endColumn: 44 },
        { messageId: 'embedded', line: 16, column: 15, endLine: 16, endColumn: 24 },
        { messageId: 'embedded', message: 'ConfigMap key ".npmrc" sets _authToken to a literal secret (**** 12 chars); move the value to a Secret and reference it (environment variable or mounted file).', line: 18, column: 38, endLine: 18, endColumn: 50 },
      ],
    },
    {
      name: 'double-quoted multi-line value points at its key',
      code: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  app.ini: "[db]\\npassword = s3cr3tv4lue9\\n"\n',
      errors: [{ messageId: 'embedded', line: 5, column: 3, endLine: 5, endColumn: 10 }],
    },
    {
      name: 'binaryData key stores and encoded private keys',
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ks}\nbinaryData:\n  keystore.p12: MIIKZAIBAzCCCh4GCSqGSIb3DQEHAaCCCg8Egg\n  blob: ${PEM_BASE64}\n`,
      errors: [
        { messageId: 'keyStore', message: 'ConfigMap binaryData key "keystore.p12" holds a PKCS#12 key store; key material belongs in a Secret.', line: 5, column: 3, endLine: 5, endColumn: 15 },
        { messageId: 'keyStore', message: 'ConfigMap binaryData key "blob" holds a private key block; key material belongs in a Secret.', line: 6, column: 3, endLine: 6, endColumn: 7 },
      ],
    },
    {
      name: 'third document, flow style, alias',
      code: dedent`
        apiVersion: v1
        kind: Service
        metadata: {name: a}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: b}
        data: {LOG_LEVEL: info}
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata: {name: c, annotations: {x: &pw hunter2hunter}}
        data: {API_TOKEN: s3cr3tv4lue9, SMTP_PASSWORD: *pw}
      `,
      errors: [
        { messageId: 'secretKey', line: 13, column: 19, endLine: 13, endColumn: 31 },
        { messageId: 'secretKey', line: 13, column: 48, endLine: 13, endColumn: 51 },
      ],
    },
    {
      name: 'List items and merge keys',
      code: dedent`
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: base}
          data: &common
            REDIS_PASSWORD: hunter2hunter
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: derived}
          data:
            <<: *common
            LOG_LEVEL: info
      `,
      errors: [
        { messageId: 'secretKey', line: 8, column: 21, endLine: 8, endColumn: 34 },
        { messageId: 'secretKey', line: 8, column: 21, endLine: 8, endColumn: 34 },
      ],
    },
  ],
});

describe('secret-in-configmap: messages never contain the secret', () => {
  it('reports every planted value without echoing it', () => {
    const planted = [GH, 'hunter2hunter', 's3cr3tv4lue9', 'xmlpass99'];
    const code = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata:\n  A: "${GH}"\n  DB_PASSWORD: hunter2hunter\n  app.properties: |\n    db.password=s3cr3tv4lue9\n  web.xml: |\n    <password>xmlpass99</password>\n`;
    const findings = lint(new SourceFile('cm.yaml', code), { config: testConfig(), rules: [rule] }).findings;
    assert.equal(findings.length, 4);
    for (const f of findings) for (const secret of planted) assert.ok(!f.message.includes(secret), `message leaks a planted value: ${f.message}`);
  });
});
