import { Button } from '@jupyterlab/ui-components';
import * as React from 'react';

import type { Recommendation, Recommendations } from '../generated/api-types';
import { ErrorAlert } from '../ui/parts';
import {
  describeSpecs,
  formatHourly,
  formatHoursPerDay,
  formatMinutes,
  formatMonthly
} from './format';
import { InstancesModel, switchBlocked } from './model';

/** The advice: each candidate instance with its reasons, cost and a switch button. */

function hoursOf(result: Recommendations): number | null {
  const hours = result.workload?.hours_per_day;
  return typeof hours === 'number' ? hours : null;
}

function Candidate(props: {
  model: InstancesModel;
  candidate: Recommendation;
  rank: number;
  hours: number | null;
}): JSX.Element {
  const { model, candidate, hours } = props;
  const idle = model.catalog?.idle_timeout_minutes;
  const blocked = switchBlocked(candidate, model.current);
  return (
    <li
      className={
        'jp-dsws-inst-candidate' + (candidate.allowed ? '' : ' jp-dsws-inst-forbidden')
      }
      aria-label={candidate.type}
    >
      <div className="jp-dsws-inst-candidate-head">
        <span className="jp-dsws-inst-type">
          {props.rank}. {candidate.type}
        </span>
        <span
          className="jp-dsws-inst-price"
          title={
            candidate.price_estimated
              ? 'An estimate: AWS publishes no price for this type in this region; see the catalog for the rule.'
              : 'On-demand price for Studio notebooks'
          }
        >
          {formatHourly(candidate.price_per_hour)}
          {candidate.price_estimated && (
            <span className="jp-dsws-inst-estimate"> (estimate)</span>
          )}
        </span>
      </div>
      <p className="jp-dsws-muted">{describeSpecs(candidate)}</p>
      <p className="jp-dsws-inst-cost" aria-label="Monthly cost">
        {formatMonthly(candidate.monthly_cost_with_idle_shutdown)} with idle shutdown
        {idle !== undefined && ` after ${formatMinutes(idle)}`}
        {hours !== null && ` (${formatHoursPerDay(hours)} of work)`};{' '}
        {formatMonthly(candidate.monthly_cost)} if left running
      </p>
      <ul className="jp-dsws-inst-reasons">
        {candidate.reasons.map((reason, index) => (
          <li key={index}>{reason}</li>
        ))}
      </ul>
      {!candidate.allowed && (
        <p className="jp-dsws-muted">Your admin does not allow this type.</p>
      )}
      <Button
        className="jp-mod-styled jp-mod-accept jp-dsws-button"
        disabled={blocked !== null || model.switching}
        title={blocked ?? `Run this space on ${candidate.type} from its next start`}
        aria-label={`Switch to ${candidate.type}`}
        onClick={() => void model.switchTo(candidate.type)}
      >
        Switch to this
      </Button>
    </li>
  );
}

export function Recommendations(props: {
  model: InstancesModel;
  /** Shows the EMR panel; null when it is turned off. */
  openEmr: (() => void) | null;
}): JSX.Element | null {
  const { model } = props;
  const { result } = model;
  if (!model.form.model) {
    return (
      <p className="jp-dsws-muted">Choose a model family to see which instances fit.</p>
    );
  }
  return (
    <div className="jp-dsws-inst-results" aria-busy={model.recommending}>
      <h3 className="jp-dsws-section-title">
        Recommendations{result ? ` for ${result.region}` : ''}
      </h3>
      {model.recommending && (
        <p className="jp-dsws-muted" role="status">
          Finding instances…
        </p>
      )}
      <ErrorAlert message={model.recommendError} />
      {result?.alternative && (
        <div className="jp-dsws-inst-alternative" aria-label="Alternative">
          <p>
            <strong>
              {result.alternative.kind === 'emr'
                ? 'Use an EMR cluster instead'
                : 'Use a SageMaker training job instead'}
            </strong>
            : {result.alternative.reason}
          </p>
          {result.alternative.kind === 'emr' && props.openEmr && (
            <Button
              className="jp-mod-styled jp-mod-reject jp-dsws-button"
              title="Shows the EMR panel: the clusters you can use, the network check and Connect"
              onClick={props.openEmr}
            >
              Open the EMR panel
            </Button>
          )}
        </div>
      )}
      {result && result.recommendations.length === 0 && !result.alternative && (
        <p className="jp-dsws-muted">No instance type fits this workload.</p>
      )}
      {result && result.recommendations.length > 0 && (
        <ol className="jp-dsws-inst-candidates" aria-label="Recommended instances">
          {result.recommendations.map((candidate, index) => (
            <Candidate
              key={candidate.type}
              model={model}
              candidate={candidate}
              rank={index + 1}
              hours={hoursOf(result)}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
