import rule from '../../../server/src/engine/rules/apt-install-recommends';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n',
    { name: 'flag after the packages', code: 'FROM debian:12\nRUN apt-get install -y curl --no-install-recommends\n' },
    { name: 'apt with the flag', code: 'FROM debian:12\nRUN apt install --no-install-recommends -y curl\n' },
    { name: '-o APT::Install-Recommends=false', code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl\n' },
    { name: 'explicit --install-recommends is a choice', code: 'FROM debian:12\nRUN apt-get install -y --install-recommends texlive\n' },
    {
      name: 'apt.conf.d setting written earlier in the chain',
      code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n',
    },
    { name: 'apt.conf.d file copied in', code: 'FROM debian:12\nCOPY 99norecommends /etc/apt/apt.conf.d/\nRUN apt-get install -y curl\n' },
    { name: 'apt.conf.d written by a heredoc', code: 'FROM debian:12\nRUN cat > /etc/apt/apt.conf.d/99x <<EOF\nAPT::Install-Recommends "false";\nEOF\nRUN apt-get install -y curl\n' },
    { name: 'builder stages do not ship', code: 'FROM debian:12 AS build\nRUN apt-get install -y gcc\nFROM scratch\nCOPY --from=build /out /out\n' },
    { name: 'simulated install', code: 'FROM debian:12\nRUN if apt-get install -s "postgresql-16-jit" > /dev/null 2>&1; then echo yes; fi\n' },
    { name: 'other subcommands', code: 'FROM debian:12\nRUN apt-get update && apt-get upgrade -y && apt-get remove -y curl\n' },
    { name: 'a variable that holds options', code: 'FROM debian:12\nARG APT_OPTS="--no-install-recommends -y"\nRUN apt-get install $APT_OPTS curl\n' },
    { name: 'ONBUILD trigger', code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get update && apt-get install -y curl\n',
      errors: [
        {
          messageId: 'recommends',
          message: '"apt-get install" also installs recommended packages that nothing asked for, which grows the image and its attack surface; add --no-install-recommends.',
          line: 2,
          column: 23,
          endLine: 2,
          endColumn: 38,
        },
      ],
      output: 'FROM debian:12\nRUN apt-get update && apt-get install --no-install-recommends -y curl\n',
    },
    {
      name: 'options before install, apt, sudo, continuation',
      code: dedent`
        FROM ubuntu:24.04
        RUN apt-get -qq install curl \\
         && sudo apt install -y \\
              git
      `,
      errors: [
        { messageId: 'recommends', message: '"apt-get install" also installs recommended packages that nothing asked for, which grows the image and its attack surface; add --no-install-recommends.', line: 2, column: 5, endLine: 2, endColumn: 24 },
        { messageId: 'recommends', message: '"apt install" also installs recommended packages that nothing asked for, which grows the image and its attack surface; add --no-install-recommends.', line: 3, column: 10, endLine: 3, endColumn: 21 },
      ],
      output: 'FROM ubuntu:24.04\nRUN apt-get -qq install --no-install-recommends curl \\\n && sudo apt install --no-install-recommends -y \\\n      git\n',
    },
    {
      name: 'exec form and heredoc',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\nRUN <<EOF\napt-get install -y git\nEOF\n',
      errors: [
        { messageId: 'recommends', line: 2, column: 6, endLine: 2, endColumn: 26 },
        { messageId: 'recommends', line: 4, column: 1, endLine: 4, endColumn: 16 },
      ],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl"]\nRUN <<EOF\napt-get install --no-install-recommends -y git\nEOF\n',
    },
    {
      name: 'sh -c string and the base stage of the final stage',
      code: 'FROM debian:12 AS base\nRUN sh -c "apt-get install -y curl"\nFROM base\nCMD ["curl"]\n',
      errors: [{ messageId: 'recommends', line: 2, column: 12, endLine: 2, endColumn: 27 }],
      output: 'FROM debian:12 AS base\nRUN sh -c "apt-get install --no-install-recommends -y curl"\nFROM base\nCMD ["curl"]\n',
    },
    {
      name: 'a variable holding packages is not an option',
      code: 'FROM debian:12\nARG PACKAGES="curl git"\nRUN apt-get install -y $PACKAGES\n',
      errors: [{ messageId: 'recommends', line: 3, column: 5, endLine: 3, endColumn: 20 }],
      output: 'FROM debian:12\nARG PACKAGES="curl git"\nRUN apt-get install --no-install-recommends -y $PACKAGES\n',
    },
    {
      name: 'a setting written after the install does not count',
      code: 'FROM debian:12\nRUN apt-get install -y curl\nCOPY norecommends /etc/apt/apt.conf.d/\n',
      errors: [{ messageId: 'recommends', line: 2, column: 5, endLine: 2, endColumn: 20 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl\nCOPY norecommends /etc/apt/apt.conf.d/\n',
    },
  ],
});
