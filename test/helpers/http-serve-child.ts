/** Runs `serve` as its own process (for signal tests), the way the CLI will: a program with the serve command. */
import { Command } from 'commander';
import { registerServeCommand } from '../../src/cli/serve-command.ts';

const program = new Command('wordmill').exitOverride();
registerServeCommand(program);
await program.parseAsync(process.argv.slice(2), { from: 'user' });
