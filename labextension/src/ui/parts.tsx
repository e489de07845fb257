/**
 * The pieces every panel and tab shows the same way: the refresh button, the error of the
 * last read, the line shown while nothing is loaded yet, the page footer. The browser tests
 * find them by these labels, roles and texts, so they must not drift apart per panel.
 */
import { Button, InputGroup } from '@jupyterlab/ui-components';
import * as React from 'react';

/** A button that reads again; it says "Loading…" and waits while a read is under way. */
export function RefreshButton(props: {
  /** The accessible name, e.g. "Refresh models". */
  label: string;
  loading: boolean;
  onClick: () => unknown;
  /** The text when idle. */
  text?: string;
  /**
   * An icon instead of the text, for a narrow sidebar's toolbar: JupyterLab's
   * `<refreshIcon.react tag="span" />` (passed in, so that this module needs no DOM).
   */
  icon?: React.ReactElement;
}): JSX.Element {
  if (props.icon) {
    return (
      <Button
        className="jp-dsws-icon-button"
        aria-label={props.label}
        aria-busy={props.loading}
        title={props.loading ? 'Loading…' : (props.text ?? 'Refresh')}
        disabled={props.loading}
        onClick={() => void props.onClick()}
      >
        {props.icon}
      </Button>
    );
  }
  return (
    <Button
      className="jp-mod-styled jp-mod-reject jp-dsws-button"
      aria-label={props.label}
      disabled={props.loading}
      onClick={() => void props.onClick()}
    >
      {props.loading ? 'Loading…' : (props.text ?? 'Refresh')}
    </Button>
  );
}

/** A sheet's column heading that sorts by it: ▼/▲ and `aria-sort` on the sorted one. */
export function SortHeader(props: {
  label: string;
  className?: string;
  /** Null when the sheet is not sorted by this column, else its direction. */
  sorted: 'descending' | 'ascending' | null;
  onSort: () => void;
}): JSX.Element {
  const arrow = props.sorted === null ? '' : props.sorted === 'descending' ? ' ▼' : ' ▲';
  return (
    <th className={props.className} aria-sort={props.sorted ?? 'none'}>
      <Button
        className="jp-dsws-reg-sort"
        aria-label={`Sort by ${props.label}`}
        onClick={props.onSort}
      >
        {props.label}
        {arrow}
      </Button>
    </th>
  );
}

/** What a sheet sorts by: a `kind`, with a `name` for a param, metric or tag. */
export interface ISortKey {
  kind: string;
  name?: string;
}

/** A column a sheet sorts by, and its heading. */
export interface ISortColumn<K extends ISortKey> {
  key: K;
  label: string;
  className?: string;
}

function columnId(key: ISortKey): string {
  return key.name === undefined ? key.kind : `${key.kind}:${key.name}`;
}

/**
 * A sheet's header row: a column for the selection's checkboxes, a heading per column that
 * sorts by it (`onSort` says which was clicked), then `after`, headings that do not sort.
 */
export function SortHeaderRow<K extends ISortKey>(props: {
  columns: ISortColumn<K>[];
  sort: { key: K; descending: boolean };
  onSort: (key: K) => void;
  after?: React.ReactNode;
}): JSX.Element {
  const sorted = columnId(props.sort.key);
  const direction = props.sort.descending ? 'descending' : 'ascending';
  return (
    <tr>
      <th>
        <span className="jp-dsws-reg-hidden">Selected</span>
      </th>
      {props.columns.map(column => (
        <SortHeader
          key={columnId(column.key)}
          label={column.label}
          className={column.className}
          sorted={columnId(column.key) === sorted ? direction : null}
          onSort={() => props.onSort(column.key)}
        />
      ))}
      {props.after}
    </tr>
  );
}

/** Under a sheet read in pages: the next page, added below; nothing once all are there. */
export function LoadMore(props: {
  model: { hasMore: boolean; loading: boolean; loadMore: () => Promise<void> };
  /** What the rows are, for the accessible name: "runs", "versions". */
  of: string;
}): JSX.Element | null {
  const { model } = props;
  if (!model.hasMore) {
    return null;
  }
  return (
    <Button
      className="jp-mod-styled jp-mod-reject jp-dsws-button"
      aria-label={`Load more ${props.of}`}
      disabled={model.loading}
      onClick={() => void model.loadMore()}
    >
      Load more
    </Button>
  );
}

/** A sidebar list's top row: its search box (typing searches) and its refresh button. */
export function SearchRow(props: {
  /** The search box's accessible name, e.g. "Search model groups". */
  label: string;
  placeholder: string;
  value: string;
  onSearch: (text: string) => void;
  refresh: { label: string; loading: boolean; onClick: () => unknown };
  /** JupyterLab's `<refreshIcon.react tag="span" />`, as for `RefreshButton`. */
  refreshIcon: React.ReactElement;
}): JSX.Element {
  return (
    <div className="jp-dsws-toolbar jp-dsws-search-row">
      <InputGroup
        className="jp-dsws-search"
        type="search"
        rightIcon="ui-components:search"
        placeholder={props.placeholder}
        aria-label={props.label}
        value={props.value}
        onChange={event => props.onSearch(event.target.value)}
      />
      <RefreshButton {...props.refresh} icon={props.refreshIcon} />
    </div>
  );
}

/**
 * An identifier (ARN, URL, S3 URI) that may wrap after each ':' and '/' in a narrow
 * panel, so that a line never ends inside one of its words (an account id, a name).
 */
export function Breakable(props: { text: string }): JSX.Element {
  const parts = props.text.split(/(?<=[:/])/);
  return (
    <>
      {parts.map((part, index) => (
        <React.Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </React.Fragment>
      ))}
    </>
  );
}

/**
 * A failure, announced to screen readers; nothing when there is none. `title` heads it;
 * `children` follow the message: what it concerns, or what to do next (a button).
 */
export function ErrorAlert(props: {
  message: string | null;
  title?: string;
  children?: React.ReactNode;
}): JSX.Element | null {
  return props.message ? (
    <div className="jp-dsws-alert" role="alert">
      {props.title && <strong>{props.title}</strong>}
      <p>{props.message}</p>
      {props.children}
    </div>
  ) : null;
}

/** The error of the last read; without one, `text` while there is nothing to show yet. */
export function LoadState(props: {
  error: string | null;
  /** True until the first answer arrives. */
  waiting: boolean;
  /** e.g. "Loading model groups…". */
  text: string;
  role?: 'status';
}): JSX.Element {
  return (
    <>
      <ErrorAlert message={props.error} />
      {props.waiting && !props.error && (
        <p className="jp-dsws-muted" role={props.role}>
          {props.text}
        </p>
      )}
    </>
  );
}

/** What a paged list's model offers its footer. */
export interface IPaged {
  readonly pager: {
    readonly hasPrevious: boolean;
    readonly hasNext: boolean;
    readonly pageNumber: number;
  };
  readonly loading: boolean;
  previousPage(): Promise<void>;
  nextPage(): Promise<void>;
}

/** ‹ Previous · Page N · Next ›, shown only when there is more than one page. */
export function Pager(props: {
  model: IPaged;
  /** What is paged, as the buttons' names end: "model groups", "the overview". */
  of: string;
  className: string;
}): JSX.Element | null {
  const { model } = props;
  const { pager } = model;
  if (!pager.hasPrevious && !pager.hasNext) {
    return null;
  }
  return (
    <div className={props.className}>
      <Button
        className="jp-mod-styled jp-mod-reject jp-dsws-button"
        aria-label={`Previous page of ${props.of}`}
        disabled={!pager.hasPrevious || model.loading}
        onClick={() => void model.previousPage()}
      >
        ‹ Previous
      </Button>
      <span className="jp-dsws-muted">Page {pager.pageNumber}</span>
      <Button
        className="jp-mod-styled jp-mod-reject jp-dsws-button"
        aria-label={`Next page of ${props.of}`}
        disabled={!pager.hasNext || model.loading}
        onClick={() => void model.nextPage()}
      >
        Next ›
      </Button>
    </div>
  );
}

/**
 * An empty list's next step: what to do now, and a link to the getting-started page (its
 * example notebooks) when the panel was given one.
 */
export function NextStep(props: {
  children?: React.ReactNode;
  /** Opens the getting-started page. */
  openGettingStarted?: () => unknown;
}): JSX.Element {
  return (
    <div className="jp-dsws-muted jp-dsws-next-step" role="note">
      {props.children}
      {props.openGettingStarted && (
        <Button
          minimal
          small
          className="jp-dsws-link-button"
          onClick={() => void props.openGettingStarted?.()}
        >
          Copy an example notebook
        </Button>
      )}
    </div>
  );
}
