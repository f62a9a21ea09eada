#!/usr/bin/env node
/** Executable entry of `wordmill`: see src/cli/program.ts for the commands. */
import { runCli } from './cli/program.ts';

process.exitCode = await runCli(process.argv.slice(2));
