// Entry point for tests that run `contactstate serve` as a child process, from the TypeScript
// sources (node --import tsx), so a test always exercises the code it sits beside.
import { main } from '../../src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
