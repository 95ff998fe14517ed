import type { OptionDefs } from '../cli/strict-args';

export const DOCTOR_OPTIONS = {
  json: { type: 'boolean' },
  'send-test': { type: 'boolean' },
  'function-env': { type: 'string', hint: 'a file of KEY=VALUE lines, such as the function’s variables' },
} as const satisfies OptionDefs;

export const DOCTOR_USAGE = `Usage: npm run doctor -- [options]

Checks this setup over HTTPS and in the repository, in order, and prints a checklist
(✓ good, ✗ to fix, – skipped), each finding with its fix:
  1. credentials and the access token      5. the daily API quota, and the timer's cost
  2. the Logistics Assistant (物流助手)     6. the alert robots (QUOTA_ALERT_WEBHOOKS)
  3. each bound account, one quota/get     7. config.json and the placeholders
  4. the subscribe-message template        8. the timer's last run, from its heartbeat

Options:
  --function-env FILE  read variables from FILE, KEY=VALUE per line (# comments): the
                       function's QUOTA_… variables as set in the cloud console, and WX_APPID,
                       WX_APPSECRET, WX_API_BASE_URL, WX_CLOUD_ENV (else CLOUD_ENV_ID in
                       miniprogram/config.ts); a variable set in the environment wins
  --send-test          post a test message to each robot in QUOTA_ALERT_WEBHOOKS
  --json               print the checklist as one JSON document {ok, exit, checks}
  -h, --help           show this help

Exit status: 0 all good; 1 something to fix; 2 could not check (no credentials, WeChat
unreachable) or bad options. Secrets (the app secret, tokens, robot keys) are never printed.
See docs/doctor.md.`;
