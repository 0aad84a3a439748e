import rule from '../../../server/src/engine/rules/syntax-error';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    {
      name: 'a RUN under SHELL ["powershell", ...] is not read as POSIX shell (Windows images)',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nSHELL ["powershell", "-Command"]\nRUN $f = (Get-Item x) `\n    | Where-Object { $_ -match ([regex]::Escape($f))` + \'$\'; }\n',
    },
    { filename: 'Dockerfile', code: 'FROM alpine:3.20\nRUN <<EOF\necho hi\nEOF\n' },
    { filename: 'compose.yaml', code: 'services:\n  web:\n    image: nginx:1.27\n' },
    { filename: 'Dockerfile', code: '' },
    { name: 'comments only', filename: 'Dockerfile', code: '# nothing here\n' },
  ],
  invalid: [
    {
      name: 'unterminated heredoc',
      filename: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN <<EOF\necho hi\n',
      errors: [{ messageId: 'dockerfile', message: 'Dockerfile syntax error: Heredoc <<EOF is not terminated', line: 2, column: 5, endLine: 2, endColumn: 10 }],
    },
    {
      name: 'unterminated quote in RUN',
      filename: 'Dockerfile',
      code: 'FROM alpine:3.20\nRUN echo "hi\n',
      errors: [{ messageId: 'dockerfile', message: 'Dockerfile syntax error: Unterminated double quote', line: 2, column: 10, endLine: 2, endColumn: 11 }],
    },
    {
      name: 'duplicate key in the second document',
      filename: 'deploy.yaml',
      code: dedent`
        apiVersion: v1
        kind: ConfigMap
        ---
        apiVersion: v1
        kind: Pod
        kind: Pod
      `,
      errors: [{ messageId: 'yaml', message: 'YAML syntax error: Map keys must be unique', line: 6, column: 1, endLine: 6, endColumn: 5 }],
    },
    {
      name: 'tab indentation',
      filename: 'compose.yaml',
      code: 'services:\n\tweb:\n    image: nginx:1.27\n',
      errors: [
        { messageId: 'yaml', line: 2, column: 1, endLine: 2, endColumn: 2 },
      ],
    },
  ],
});
