#!/usr/bin/env node
// `npm run dev`: the sync server (restarted on change by tsx watch) on PORT (default 3000) and Vite's dev server
// with a proxy for /api and /sync to it (see vite.config.ts). Ctrl+C stops both.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const env = { ...process.env, PORT: port, MOP_DEV_SERVER: `http://127.0.0.1:${port}` };
const children = [
  spawn('npx', ['tsx', 'watch', 'sync-server/src/main.ts'], { stdio: 'inherit', env }),
  spawn('npx', ['vite', 'dev'], { stdio: 'inherit', env })
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  });
}
