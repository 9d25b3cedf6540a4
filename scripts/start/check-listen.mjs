// `npm start` runs this before `next start`: a bad PORT or HOST stops here with one line that
// names the variable (the rest of the configuration is checked by the server as it starts).
import { parseListenAddress } from '../../lib/listen-address.mjs';

try {
  parseListenAddress(process.env);
} catch (error) {
  console.error(`配置错误 / invalid configuration: ${error.message}`);
  process.exit(1);
}
