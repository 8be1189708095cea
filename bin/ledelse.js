#!/usr/bin/env node
// The installed `ledelse` command runs the compiled CLI (built by `npm ci` via "prepare").
import { main } from '../dist/cli/main.js';

await main();
