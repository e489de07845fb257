/**
 * The parts every main-area tab (a Models or Experiments tab, the instance catalog) shows
 * the same way: its top (title, controls, Copy link, Refresh, then the read's state and
 * age) and its tables, which scroll sideways rather than squeeze a narrow tab.
 */
import * as React from 'react';

import { CopyLinkButton } from '../links/copy';
import { ViewLink } from '../links/link';
import { AsOf, IFetched } from './freshness';
import { LoadState, RefreshButton } from './parts';

/** What a tab's top reads of its model: the read under way, its error, and reading again. */
export interface ITabRead {
  readonly loading: boolean;
  readonly error: string | null;
  load(refresh: boolean): unknown;
}

/**
 * A tab's top: its title, then `children` (its own controls), its Copy link button when
 * it has a link, Refresh; under it `below` (more rows of controls, a filter form); then
 * the error of the last read or `waiting.text` until the first answer, and the answer's age.
 */
export function TabHead(props: {
  title: React.ReactNode;
  model: ITabRead;
  /** The refresh button's accessible name, e.g. "Refresh runs". */
  refresh: string;
  /** True until the first answer arrives, and what is said meanwhile ("Comparing…"). */
  waiting: { until: boolean; text: string };
  fetched: IFetched | null | undefined;
  /** Where the answer was read, for its age's tooltip (default AWS). */
  source?: string;
  /** What the view is ("this sheet") and the link to it as it is now. */
  link?: { what: string; to: () => ViewLink };
  children?: React.ReactNode;
  below?: React.ReactNode;
}): JSX.Element {
  const { model, link } = props;
  return (
    <>
      <div className="jp-dsws-reg-toolbar">
        <h2>{props.title}</h2>
        {props.children}
        {link && <CopyLinkButton what={link.what} link={link.to} />}
        <RefreshButton
          label={props.refresh}
          loading={model.loading}
          onClick={() => model.load(true)}
        />
      </div>
      {props.below}
      <LoadState
        error={model.error}
        waiting={props.waiting.until}
        text={props.waiting.text}
      />
      <AsOf fetched={props.fetched} source={props.source} />
    </>
  );
}

/** A table as wide as its columns, scrolled sideways in a narrow tab. */
export function WideTable(props: {
  /** Its classes besides `jp-dsws-table`. */
  className?: string;
  /** Its accessible name ("Runs"). */
  label: string;
  children: React.ReactNode;
}): JSX.Element {
  const className = props.className
    ? `jp-dsws-table ${props.className}`
    : 'jp-dsws-table';
  return (
    <div className="jp-dsws-scroll-x">
      <table className={className} aria-label={props.label}>
        {props.children}
      </table>
    </div>
  );
}
