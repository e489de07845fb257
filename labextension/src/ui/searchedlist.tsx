import { refreshIcon } from '@jupyterlab/ui-components';
import * as React from 'react';

import { AsOf, IFetched } from './freshness';
import { IPaged, LoadState, NextStep, Pager, SearchRow } from './parts';

/** What the view reads of a sidebar list searched by name (ui/searched.ts). */
export interface ISearchedList<T> extends IPaged {
  readonly items: T[];
  readonly query: string;
  readonly loaded: boolean;
  readonly error: string | null;
  readonly fetched: IFetched | null;
  search(query: string): void;
  refresh(fresh: boolean): unknown;
}

/**
 * A sidebar list searched by name and read page by page (the Models panel's groups, the
 * Experiments panel's experiments): the search row and its refresh button, `controls`,
 * the read's state and age, the lines (or, when there are none, that no name contains
 * the search or what to do first), the pager.
 */
export function SearchedList<T>(props: {
  model: ISearchedList<T>;
  /** What the items are, as the pager's buttons end: "model groups". */
  of: string;
  /** One item, for "No model group name contains …". */
  one: string;
  /** The search box's accessible name and placeholder. */
  search: { label: string; placeholder: string };
  /** The refresh button's accessible name. */
  refresh: string;
  /** Said until the first page arrives; `role` "status" announces it. */
  waiting: { text: string; role?: 'status' };
  /** Where the list was read, for its age's tooltip (default AWS). */
  source?: string;
  /** The list's accessible name. */
  label: string;
  /** The first step while the list is empty and nothing is searched. */
  firstStep: React.ReactNode;
  openGettingStarted?: () => unknown;
  /** The panel's own controls, under the search row. */
  controls?: React.ReactNode;
  /** An item's line (an `<li>` with its key). */
  line: (item: T) => React.ReactNode;
}): JSX.Element {
  const { model } = props;
  const query = model.query.trim();
  return (
    <>
      <SearchRow
        label={props.search.label}
        placeholder={props.search.placeholder}
        value={model.query}
        onSearch={text => model.search(text)}
        refresh={{
          label: props.refresh,
          loading: model.loading,
          onClick: () => model.refresh(true)
        }}
        refreshIcon={<refreshIcon.react tag="span" />}
      />
      {props.controls}
      <LoadState
        error={model.error}
        waiting={!model.loaded}
        text={props.waiting.text}
        role={props.waiting.role}
      />
      <AsOf fetched={model.fetched} source={props.source} />
      {model.loaded &&
        model.items.length === 0 &&
        !model.error &&
        (query ? (
          <p className="jp-dsws-muted">{`No ${props.one} name contains “${query}”.`}</p>
        ) : (
          <NextStep openGettingStarted={props.openGettingStarted}>
            {props.firstStep}
          </NextStep>
        ))}
      <ul className="jp-dsws-list" aria-label={props.label}>
        {model.items.map(props.line)}
      </ul>
      <Pager model={model} of={props.of} className="jp-dsws-footer" />
    </>
  );
}
