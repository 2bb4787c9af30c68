// k6 load test run by the staging stage of the pipeline against the freshly switched colour:
//   k6 run -e BASE_URL=https://api.staging.rtx.example.com deployment/k8s/overlays/staging/load/k6-load.js
// REST market data and WebSocket quote streaming (the parts this build has); order placement is
// added with the dealing role (POST /api/v1/orders after POST /api/v1/auth/login).
import http from 'k6/http';
import ws from 'k6/ws';
import { check, sleep } from 'k6';

const BASE = __ENV.BASE_URL || 'http://127.0.0.1:8080';
const WS_BASE = BASE.replace(/^http/, 'ws');

export const options = {
  scenarios: {
    rest: { executor: 'constant-arrival-rate', rate: 200, timeUnit: '1s', duration: '3m',
            preAllocatedVUs: 50, maxVUs: 200, exec: 'rest' },
    stream: { executor: 'constant-vus', vus: 200, duration: '3m', exec: 'stream' },
  },
  thresholds: {
    'http_req_failed': ['rate<0.01'],
    'http_req_duration{scenario:rest}': ['p(99)<100'],
    'checks': ['rate>0.99'],
    'ws_connecting': ['p(95)<500'],
  },
};

export function rest() {
  const symbols = http.get(`${BASE}/api/v1/symbols`, { tags: { name: 'symbols' } });
  check(symbols, { 'symbols 200': (r) => r.status === 200 });
  const quotes = http.get(`${BASE}/api/v1/quotes?symbols=EURUSD,GBPUSD,XAUUSD`, { tags: { name: 'quotes' } });
  check(quotes, { 'quotes 200': (r) => r.status === 200 });
}

export function stream() {
  const res = ws.connect(`${WS_BASE}/ws`, {}, (socket) => {
    let quotes = 0;
    socket.on('open', () => socket.send(JSON.stringify(
      { type: 'subscribe', channel: 'quotes', symbols: ['EURUSD', 'GBPUSD', 'USDJPY'] })));
    socket.on('message', (m) => { if (JSON.parse(m).type === 'quote') quotes++; });
    socket.setTimeout(() => { check(quotes, { 'received quotes': (q) => q > 0 }); socket.close(); }, 30000);
  });
  check(res, { 'ws upgraded': (r) => r && r.status === 101 });
  sleep(1);
}
