// Runs the CLI from source, as bin/archivum.js runs it from dist/.
import { runCli } from '../../src/cli/main.js';

process.exitCode = await runCli(process.argv.slice(2));
