#!/usr/bin/env node
// Thin launcher for the compiled CLI (run `npm run build` first).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
