import { Clipboard, Notification } from '@jupyterlab/apputils';
import { Button, copyIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { EmrCheckStep, EmrCluster } from '../generated/api-types';
import { CopyLinkButton } from '../links/copy';
import { Breakable, ErrorAlert } from '../ui/parts';
import { ClusterModel } from './cluster';
import { checkLabel, checkSummary, formatSeconds, notRun } from './format';

function copyFix(fix: string): void {
  Clipboard.copyToSystem(fix);
  Notification.info('Copied the fix.', { autoClose: 3000 });
}

function CheckStep(props: { check: EmrCheckStep; cluster: EmrCluster }): JSX.Element {
  const { check } = props;
  const label = checkLabel(check, props.cluster);
  const skipped = notRun(check);
  return (
    <li
      className="jp-dsws-emr-step"
      data-ok={check.ok ? 'true' : skipped ? 'skipped' : 'false'}
      aria-label={label}
    >
      <span className="jp-dsws-emr-step-name">{label}</span>
      <span className="jp-dsws-emr-line">
        <span className="jp-dsws-emr-verdict">
          {check.ok ? '✓ passed' : skipped ? '– not run' : '✗ failed'}
        </span>
        {!skipped && (
          <span className="jp-dsws-muted">in {formatSeconds(check.seconds)}</span>
        )}
      </span>
      <p className="jp-dsws-emr-detail">
        <Breakable text={check.detail} />
      </p>
      {check.fix && (
        <div className="jp-dsws-emr-fix" aria-label="Fix">
          <p>
            <strong>Fix: </strong>
            <Breakable text={check.fix} />
          </p>
          <Button
            minimal
            small
            className="jp-dsws-icon-button"
            aria-label={`Copy the fix for: ${label}`}
            title="Copy the fix"
            onClick={() => copyFix(check.fix!)}
          >
            <copyIcon.react tag="span" />
          </Button>
        </div>
      )}
    </li>
  );
}

/** Check the path: each step's verdict, time and fix (copyable). */
export function PathCheck(props: { model: ClusterModel }): JSX.Element {
  const { model } = props;
  const result = model.checkResult;
  return (
    <div className="jp-dsws-emr-check" aria-busy={model.checking}>
      <h3 className="jp-dsws-section-title">Network path</h3>
      <Button
        className="jp-mod-styled jp-mod-reject jp-dsws-button"
        title="Checks each step from this space to the cluster's Livy: endpoint, DNS, security group, TCP, Livy"
        disabled={model.checking}
        onClick={() => void model.check()}
      >
        {model.checking ? 'Checking…' : 'Check the path'}
      </Button>
      <CopyLinkButton
        what={`the path check of ${model.cluster.name}`}
        link={() => ({ view: 'emr-check', cluster: model.id })}
      />
      <ErrorAlert message={model.checkError} />
      {result && (
        <>
          <p
            className="jp-dsws-emr-summary"
            role="status"
            aria-label="Path check summary"
            data-ok={String(result.ok)}
          >
            {model.starting
              ? 'Livy is starting: checking again in a few seconds…'
              : checkSummary(result.checks)}
          </p>
          <ol className="jp-dsws-emr-steps" aria-label="Path check">
            {result.checks.map(check => (
              <CheckStep key={check.name} check={check} cluster={model.cluster} />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
