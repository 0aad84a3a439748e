import rule from '../../../server/src/engine/rules/maintainer-deprecated';
import { RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    { name: 'the word in a label', code: 'FROM alpine:3.20\nLABEL maintainer="Jane"\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine:3.20\nMAINTAINER Jane Doe <jane@example.com>\n',
      errors: [
        {
          messageId: 'maintainer',
          message: 'MAINTAINER is deprecated and ignored by most tools; use LABEL org.opencontainers.image.authors instead.',
          line: 2,
          column: 1,
          endLine: 2,
          endColumn: 11,
        },
      ],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    {
      name: 'quotes, dollar signs and backslashes are escaped; trailing blanks dropped; lower case kept',
      code: 'FROM alpine:3.20\nmaintainer Jane "JD" $HOME \\o/   \n',
      errors: [{ messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: 'FROM alpine:3.20\nlabel org.opencontainers.image.authors="Jane \\"JD\\" \\$HOME \\\\o/"   \n',
    },
    {
      name: 'a value in one pair of double quotes is taken without them',
      code: 'FROM alpine:3.20\nMAINTAINER "Jane Doe <jane@example.com>"\n',
      errors: [{ messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: 'FROM alpine:3.20\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n',
    },
    {
      name: 'backtick escape character',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nMAINTAINER Jane `x` $y\n',
      errors: [{ messageId: 'maintainer', line: 3, column: 1, endLine: 3, endColumn: 11 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nLABEL org.opencontainers.image.authors="Jane ``x`` `$y"\n',
    },
    {
      name: 'no fix without a value or with a continued value',
      code: 'FROM alpine:3.20\nMAINTAINER Jane \\\n  Doe\n',
      errors: [{ messageId: 'maintainer', line: 2, column: 1, endLine: 2, endColumn: 11 }],
      output: null,
    },
  ],
});
