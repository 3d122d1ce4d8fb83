#!/usr/bin/env node
// The installed command: this file exists before the package is built, so pnpm can link it at install.
import "../dist/cli.js";
