import * as core from '@actions/core';
import { join } from 'node:path';
import { readEvent } from './action/event.js';
import { parseInputs } from './action/inputs.js';
import { runAction, type ActionIo } from './action/run.js';
import { GitHubClient } from './github/client.js';

/**
 * The action's edge: reads the environment and inputs, hands one typed object to runAction, and owns
 * the single catch that turns an error into a failed step. Everything else is testable without it.
 */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = parseInputs((name) => core.getInput(name));
    if (inputs.token) core.setSecret(inputs.token);
    const repository = env.GITHUB_REPOSITORY ?? '';
    const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
    const server = env.GITHUB_SERVER_URL ?? 'https://github.com';
    const event = readEvent(
      env.GITHUB_EVENT_NAME ?? '',
      env.GITHUB_EVENT_PATH,
      env.GITHUB_SHA ?? '',
      env.GITHUB_REF ?? '',
    );
    const github = inputs.token
      ? new GitHubClient({
          token: inputs.token,
          repository,
          ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
          log: (m) => core.info(m),
          userAgent: 'model-energy-check',
        })
      : undefined;
    const io: ActionIo = {
      info: (m) => core.info(m),
      notice: (m, file) => core.notice(m, file ? { file } : {}),
      warning: (m, file) => core.warning(m, file ? { file } : {}),
      error: (m, file) => core.error(m, file ? { file } : {}),
      setOutput: (name, value) => core.setOutput(name, value),
      writeSummary: async (markdown) => {
        if (!env.GITHUB_STEP_SUMMARY) return;
        await core.summary.addRaw(markdown, true).write({ overwrite: false });
      },
      setFailed: (m) => core.setFailed(m),
    };
    await runAction(
      {
        workspace,
        repository,
        event,
        ...(env.GITHUB_RUN_ID && repository
          ? { runUrl: `${server}/${repository}/actions/runs/${env.GITHUB_RUN_ID}` }
          : {}),
        reportPath: join(env.RUNNER_TEMP ?? workspace, `model-energy-report-${inputs.commentKey}.json`),
      },
      inputs,
      io,
      github,
    );
  } catch (error) {
    core.setFailed(error instanceof Error ? error.message : String(error));
  }
}
