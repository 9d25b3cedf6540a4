// npx tsx scripts/bench/measure.ts <name> <command> [args…] — runs a command and prints one
// table row: wall time, the peak of the whole process tree's resident memory (the sum over the
// command and every process it starts, sampled every 100 ms: `time -v` reports only the largest
// single process), and the load average at the start. The command's output goes to
// bench/out/<name>.log.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';

const [name, command, ...args] = process.argv.slice(2);
if (!name || !command) {
  console.error('usage: measure.ts <name> <command> [args…]');
  process.exit(2);
}

/** Resident memory of `root` and all its descendants, in bytes. */
function treeRss(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which may hold spaces: state, ppid, … rss (24th field).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      const parent = Number(fields[1]);
      rss.set(pid, Number(fields[21]) * 4096);
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const queue = [root];
  while (queue.length > 0) {
    const pid = queue.pop() as number;
    total += rss.get(pid) ?? 0;
    queue.push(...(children.get(pid) ?? []));
  }
  return total;
}

mkdirSync('bench/out', { recursive: true });
const log = createWriteStream(`bench/out/${name}.log`);
const load = loadavg()
  .map((value) => value.toFixed(2))
  .join(' ');
const started = performance.now();
const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
child.stdout.pipe(log);
child.stderr.pipe(log);
let peak = 0;
const sampler = setInterval(() => {
  if (child.pid) peak = Math.max(peak, treeRss(child.pid));
}, 100);
child.on('exit', (code) => {
  clearInterval(sampler);
  const seconds = (performance.now() - started) / 1000;
  const mb = Math.round(peak / 1024 / 1024);
  console.log(
    `| ${name} | ${seconds.toFixed(1)} s | ${mb} MB | ${load} |${code === 0 ? '' : ` exit ${code}`}`,
  );
  process.exit(code ?? 1);
});
