// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

import { ApprovalHistory } from '../registry/DetailView';
import { personTitle, recordedBy } from './people';

afterEach(cleanup);

const ROLE = 'arn:aws:sts::123456789012:assumed-role/space-role/SageMaker';
const HERMIONE = { name: 'hermione-granger', display_name: 'Hermione Granger' };
const RON = { name: 'ronald-weasley', display_name: 'Ronald Weasley' };

describe('recordedBy', () => {
  it('names the person beside the AWS identity everyone in a shared space acts as', () => {
    expect(recordedBy(HERMIONE, ROLE)).toBe(`Hermione Granger (${ROLE})`);
    expect(recordedBy(HERMIONE)).toBe('Hermione Granger');
    expect(recordedBy({ name: 'ron', display_name: '' }, null)).toBe('ron');
  });

  it('falls back to the AWS identity, then says nobody was recorded', () => {
    expect(recordedBy(null, 'harry-potter')).toBe('harry-potter');
    expect(recordedBy(undefined, null)).toBe('someone unrecorded');
  });

  it('gives the username in the tooltip, and that it is no permission', () => {
    expect(personTitle(RON)).toContain('ronald-weasley');
    expect(personTitle(RON)).toContain('not a permission');
    expect(personTitle(null)).toBeUndefined();
  });
});

describe('the approval history', () => {
  it('shows who decided each change by name, beside the AWS identity', () => {
    render(
      createElement(ApprovalHistory, {
        history: [
          {
            at: '2026-11-25T10:00:00Z',
            by: ROLE,
            person: HERMIONE,
            from: 'PendingManualApproval',
            to: 'Approved',
            comment: 'Sorts well.'
          },
          {
            at: '2026-11-25T11:00:00Z',
            by: ROLE,
            person: RON,
            from: 'Approved',
            to: 'Rejected',
            comment: 'Not on Slytherins.'
          },
          {
            at: '2026-11-25T12:00:00Z',
            by: 'harry-potter',
            person: null,
            from: 'Rejected',
            to: 'Approved',
            comment: 'Before people were recorded.'
          }
        ]
      })
    );
    const [first, second, third] = within(
      screen.getByRole('list', { name: 'Approval history' })
    ).getAllByRole('listitem');
    expect(first.textContent).toContain(`Hermione Granger (${ROLE})`);
    expect(second.textContent).toContain(`Ronald Weasley (${ROLE})`);
    expect(screen.getByText(`Ronald Weasley (${ROLE})`).title).toContain(
      'ronald-weasley'
    );
    expect(third.textContent).toContain('harry-potter');
  });
});
