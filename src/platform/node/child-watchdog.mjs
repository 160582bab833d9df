/**
 * Runs `node child-watchdog.mjs <command> <args...>`: starts the command and ends it when the process
 * that started this one dies, however it dies. That process holds the write end of our stdin; the kernel
 * closes it when the process exits, even on SIGKILL, and stdin then ends here. Without this, DynamoDB
 * Local and the local SES server would outlive a killed server, keep their ports, and a second DynamoDB
 * Local would open the same data directory. Plain JavaScript, so Node runs it as it is, from src/ or
 * dist/ (the build copies it there).
 */
import { spawn } from 'node:child_process';

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error('usage: node child-watchdog.mjs <command> [args...]');
  process.exit(2);
}

const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
let ending = false;

/** Asks the child to stop, and makes sure it does. */
function end(signal) {
  if (ending) return;
  ending = true;
  child.kill(signal);
  setTimeout(() => child.kill('SIGKILL'), 3000).unref();
}

process.stdin.on('end', () => end('SIGTERM'));
process.stdin.on('error', () => end('SIGTERM'));
process.stdin.resume();
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, () => end('SIGTERM'));
child.on('error', (error) => {
  console.error(`${command}: ${error.message}`);
  process.exit(127);
});
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
