// `npm run serve` and `npm run test:all` install with this: `npm ci`, saying first what takes long
// and then showing it while it happens. Plain `npm ci` prints nothing until it is done, and where
// no prebuilt better-sqlite3 binary can be downloaded (no access to GitHub, or a platform without
// one) it compiles SQLite from C source: minutes on two cores, in silence. Plain JavaScript with
// Node's own modules only: nothing else is installed yet. Arguments go on to `npm ci`.
//
// Install scripts run in the foreground so that their progress can be followed; their lines are
// summed up here (a phase, and a line every HEARTBEAT_MS while it lasts), not copied: node-gyp's
// and the compiler's chatter about SQLite's own source is of no use to a reader. npm's own lines
// (warnings and errors included) are printed as they are, and on a failure the whole output ends
// up on the screen.
import { spawn } from 'node:child_process';

const HEARTBEAT_MS = 30_000;
/** Lines kept for a failure: more than any install script prints before its error. */
const KEEP = 400;

const started = Date.now();
const elapsed = (from = started) => {
  const seconds = Math.round((Date.now() - from) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
};
const say = (line) => console.log(`安装 install: ${line}`);

say(
  'npm ci installs about 900 packages. better-sqlite3 (the embedded view store) is compiled ' +
    'from C source when no prebuilt binary can be downloaded: 2-6 minutes on two cores, more on ' +
    'a busy machine. Progress follows.',
);

// What an install script's line means, for the lines worth a word.
const PHASES = [
  [/^> (@?[^@\s]+)@\S+ (?:pre|post)?install$/, (m) => `running ${m[1]}'s install script`],
  [
    /^prebuild-install warn install (.*)$/,
    (m) =>
      `better-sqlite3: no prebuilt binary could be downloaded (${m[1]}); compiling it from C source`,
  ],
  [/^\s*CC\(target\) .*\/sqlite3\.o$/, () => 'better-sqlite3: compiling sqlite3.c, the long part'],
  [/^\s*CXX\(target\) .*\/(\w+)\.o$/, (m) => `better-sqlite3: compiling ${m[1]}.cpp`],
  [/^\s*SOLINK_MODULE\(target\) .*\/(\w+\.node)$/, (m) => `better-sqlite3: linking ${m[1]}`],
  [/^gyp info ok\s*$/, () => 'better-sqlite3: compiled'],
];

const child = spawn('npm', ['ci', '--foreground-scripts', ...process.argv.slice(2)], {
  stdio: ['inherit', 'pipe', 'pipe'],
});
const kept = [];
let phase = 'downloading and unpacking packages';
let phaseStarted = Date.now();
let lastSaid = Date.now();

function onLine(line) {
  kept.push(line);
  if (kept.length > KEEP) kept.shift();
  if (/^npm (warn|error|ERR!)|^added \d+ packages|^found \d+ vulnerabilit/i.test(line)) {
    console.log(line);
    return;
  }
  for (const [pattern, describe] of PHASES) {
    const match = pattern.exec(line);
    if (!match) continue;
    phase = describe(match);
    phaseStarted = Date.now();
    lastSaid = Date.now();
    say(`${phase} (${elapsed()} in all)`);
    return;
  }
}

for (const stream of [child.stdout, child.stderr]) {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) onLine(line);
  });
  stream.on('end', () => rest && onLine(rest));
}

const heartbeat = setInterval(() => {
  if (Date.now() - lastSaid < HEARTBEAT_MS) return;
  lastSaid = Date.now();
  say(`… ${phase}: ${elapsed(phaseStarted)} so far (${elapsed()} in all)`);
}, 1000);

child.on('close', (code, signal) => {
  clearInterval(heartbeat);
  if (code === 0) {
    say(`done in ${elapsed()}`);
    process.exit(0);
  }
  console.error(kept.join('\n'));
  say(`npm ci failed (${signal ?? `exit code ${code}`}) after ${elapsed()}; its output is above`);
  process.exit(code || 1);
});
for (const name of ['SIGINT', 'SIGTERM']) process.on(name, () => child.kill(name));
