// The Airflow UI as a user meets it (make airflow-ui): log in, open the spotify_lake DAG, trigger a run with the
// logical date cleared (the run then writes the day it was triggered on), wait until the run succeeds, and save
// a screenshot of it. Debian's chromium, driven by playwright-core.
//
// Environment: AIRFLOW_URL (http://127.0.0.1:8080), AIRFLOW_USER (admin), AIRFLOW_PASSWORD (required),
// SCREENSHOT (the PNG to write), CHROMIUM (/usr/bin/chromium), RUN_TIMEOUT_S (300).
// Prints one JSON line on stdout: {"run_id", "state", "screenshot"}; exits 1 unless the run succeeded.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { chromium } from 'playwright-core';

const airflow = process.env.AIRFLOW_URL ?? 'http://127.0.0.1:8080';
const user = process.env.AIRFLOW_USER ?? 'admin';
const password = process.env.AIRFLOW_PASSWORD;
const screenshot = process.env.SCREENSHOT ?? 'airflow-ui-run.png';
const runTimeoutMs = 1000 * Number(process.env.RUN_TIMEOUT_S ?? 300);
const dagId = 'spotify_lake';
const FINISHED = ['Success', 'Failed'];

if (!password) {
  console.error('browser-test: AIRFLOW_PASSWORD is not set (make airflow-ui prints it)');
  process.exit(2);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // As root (CI) chromium refuses to start inside its sandbox.
  args: ['--no-sandbox'],
});
let outcome = { run_id: null, state: 'not triggered', screenshot };
try {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.setDefaultTimeout(30_000);

  await page.goto(airflow);
  await page.locator('input[name=username]').fill(user);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth'));

  await page.goto(`${airflow}/dags/${dagId}`);
  await page.getByRole('button', { name: 'Trigger Dag' }).click();
  const dialog = page.getByRole('dialog');
  // The form offers "now" as the logical date; cleared, the run has none, as runs from the REST API or
  // `airflow dags trigger` may: the DAG must then write the day it was triggered on.
  await dialog.getByTestId('datetime-input').click();
  await page.getByRole('button', { name: 'Clear start date' }).click();
  await dialog.getByText('Data Interval', { exact: true }).click(); // closes the date picker
  await dialog.getByText('Select date and time').waitFor();
  // "Unpause spotify_lake on trigger" is ticked by default: a paused DAG's runs would wait forever.
  await dialog.getByRole('button', { name: 'Trigger', exact: true }).click();

  await page.waitForURL(new RegExp(`/dags/${dagId}/runs/[^/]+$`));
  outcome.run_id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  console.error(`browser-test: triggered ${outcome.run_id}; waiting for it to finish`);
  outcome.state = await finalState(page, outcome.run_id);
  await page.screenshot({ path: ensureFolder(screenshot), fullPage: true });
} catch (error) {
  outcome.state = `error: ${error.message.split('\n')[0]}`;
  const pages = browser.contexts().flatMap((context) => context.pages());
  if (pages.length > 0) {
    await pages[0].screenshot({ path: ensureFolder(screenshot), fullPage: true }).catch(() => {});
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(outcome));
process.exit(outcome.state === 'success' ? 0 : 1);

// The run's state badge beside its id, once it says the run is over; the page is reloaded now and then, so that
// the answer does not depend on the UI's own refresh.
async function finalState(page, runId) {
  const badge = page.getByRole('heading', { name: runId, exact: true }).locator('..').getByTestId('state-badge');
  const deadline = Date.now() + runTimeoutMs;
  let lastState = '';
  while (Date.now() < deadline) {
    const state = (await badge.innerText().catch(() => '')).trim();
    if (state !== lastState) {
      console.error(`browser-test: run ${state || '(no state yet)'}`);
      lastState = state;
    }
    if (FINISHED.includes(state)) {
      return state.toLowerCase();
    }
    await page.waitForTimeout(5_000);
    await page.reload();
  }
  return `still ${lastState || 'without a state'} after ${runTimeoutMs / 1000} s`;
}

function ensureFolder(path) {
  mkdirSync(dirname(path), { recursive: true });
  return path;
}
