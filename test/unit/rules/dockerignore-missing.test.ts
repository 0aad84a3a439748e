import rule from '../../../server/src/engine/rules/dockerignore-missing';
import { RuleTester } from '../../rule-tester';

const copyAll = 'FROM python:3.12-slim\nWORKDIR /app\nCOPY . .\nUSER 10001\n';
const missing = (keyword: string, source: string, context: string, line: number, column: number) => ({
  messageId: 'missing',
  message: `${keyword} ${source} copies the whole build context (${context}) and there is no .dockerignore: whatever lands there later (.env files, keys, .git) goes into the image. Add a .dockerignore.`,
  line,
  column,
  endLine: line,
  endColumn: column + source.length,
});

new RuleTester().run(rule, {
  valid: [
    { name: 'a .dockerignore in the context', filename: 'app/Dockerfile', code: copyAll, workspace: { 'app/.dockerignore': '.git\n' } },
    { name: 'a <Dockerfile>.dockerignore next to the Dockerfile', filename: 'app/api.Dockerfile', code: copyAll, workspace: { 'app/api.Dockerfile.dockerignore': '.git\n' } },
    { name: 'narrower sources', filename: 'Dockerfile', code: 'FROM python:3.12-slim\nCOPY requirements.txt ./\nCOPY src/ ./src/\nUSER 10001\n', workspace: { 'src/main.py': '' } },
    { name: 'COPY --from a stage', filename: 'Dockerfile', code: 'FROM python:3.12 AS build\nFROM python:3.12-slim\nCOPY --from=build . .\nUSER 10001\n', workspace: { 'main.py': '' } },
    { name: 'a builder stage the final stage does not build on', filename: 'Dockerfile', code: 'FROM golang:1.23 AS build\nCOPY . .\nRUN go build -o /app\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\n', workspace: { 'main.go': '' } },
    {
      name: 'the compose build context has a .dockerignore (nested layout)',
      filename: 'services/api/Dockerfile',
      code: copyAll,
      workspace: { 'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n', '.dockerignore': '.git\n' },
    },
    { name: 'a lone file (no workspace) is not checked', filename: 'Dockerfile', code: copyAll },
  ],
  invalid: [
    { name: 'COPY . . without a .dockerignore', filename: 'app/Dockerfile', code: copyAll, workspace: { 'app/main.py': '' }, errors: [missing('COPY', '.', "the Dockerfile's folder", 3, 6)] },
    {
      name: 'ADD ./ and a second whole-context COPY: reported once',
      filename: 'Dockerfile',
      code: 'FROM python:3.12-slim\nADD ./ /app\nCOPY * /srv/\nUSER 10001\n',
      workspace: { 'main.py': '' },
      errors: [missing('ADD', './', "the Dockerfile's folder", 2, 5)],
    },
    {
      name: 'a .dockerignore beside the Dockerfile does not count when compose builds from the folder above',
      filename: 'services/api/Dockerfile',
      code: copyAll,
      workspace: { 'compose.yaml': 'services:\n  api:\n    build:\n      context: .\n      dockerfile: services/api/Dockerfile\n', 'services/api/.dockerignore': '.git\n' },
      errors: [missing('COPY', '.', '../../', 3, 6)],
    },
  ],
});
