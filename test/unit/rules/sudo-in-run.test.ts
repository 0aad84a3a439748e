import rule from '../../../server/src/engine/rules/sudo-in-run';
import { dedent, RuleTester } from '../../rule-tester';

new RuleTester().run(rule, {
  valid: [
    'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\n',
    { name: 'installing the sudo package', code: 'FROM debian:12\nRUN apt-get install -y sudo=1.9.13p3-1\n' },
    { name: 'sudo as an argument', code: 'FROM debian:12\nRUN echo sudo && usermod -aG sudo app && grep sudo /etc/group\n' },
    { name: 'sudoers file', code: 'FROM debian:12\nRUN echo "app ALL=(ALL) NOPASSWD:ALL" > /etc/sudoers.d/app\n' },
    { name: 'CMD is not RUN', code: 'FROM debian:12\nCMD ["sudo", "-u", "app", "server"]\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN sudo apt-get update\n',
      errors: [
        {
          messageId: 'sudo',
          message: 'RUN uses sudo, which behaves unpredictably without a TTY and needs a sudo-capable user in the image; switch with USER root (and back) around the commands instead.',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 9,
        },
      ],
    },
    {
      name: 'every command, wrappers, paths, continuation, heredoc, exec form, sh -c',
      code: dedent`
        FROM debian:12 AS build
        RUN apt-get update \\
         && env DEBIAN_FRONTEND=noninteractive /usr/bin/sudo apt-get install -y curl
        RUN <<EOF
        sudo make install
        EOF
        FROM debian:12
        RUN ["sudo", "chown", "app", "/app"]
        RUN bash -c "sudo rm -rf /tmp/x"
        RUN x=$(sudo cat /etc/shadow)
      `,
      errors: [
        { messageId: 'sudo', line: 3, column: 40, endLine: 3, endColumn: 53 },
        { messageId: 'sudo', line: 5, column: 1, endLine: 5, endColumn: 5 },
        { messageId: 'sudo', line: 8, column: 6, endLine: 8, endColumn: 12 },
        { messageId: 'sudo', line: 9, column: 14, endLine: 9, endColumn: 18 },
        { messageId: 'sudo', line: 10, column: 9, endLine: 10, endColumn: 13 },
      ],
    },
  ],
});
