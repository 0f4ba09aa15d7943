import { Button, Group, Text, useMantineTheme, defaultCssVariablesResolver } from '@mantine/core';
import { IconAlertTriangle, IconPrinter } from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { i18n } from '../../i18n';
import { roleCoverage } from '@shared/buying-centre/coverage';
import { staleJudgements } from '@shared/buying-centre/freshness';
import { redFlags, type RedFlag } from '@shared/buying-centre/red-flags';
import { dealRisks } from '@shared/deals/risk';
import { isOpen, weightedValue } from '@shared/deals/probability';
import type { Account } from '@shared/model/account';
import type { Contact } from '@shared/model/contact';
import type { Settings } from '@shared/model/database';
import { timeline } from '@shared/portfolio/activity';
import type { HealthSignal, PortfolioRow } from '@shared/portfolio/types';
import { api } from '../../api/client';
import { errorText } from '../../app/errors';
import { formatDate, formatMoney, formatScore, localNow, localToday } from '../../app/format';
import { seedDocument, useDocument } from '../../app/plan-store';
import { useApiQuery } from '../../app/useApiQuery';
import { useClockReading } from '../../app/useClockReading';
import { ROLE_STYLE } from '../buying-center/role-style';
import { riskText } from '../deals/deal-text';
import { giftPolicyConflict } from '../activity/activity-rules';
import { MIN_ROOM_MM, ReportMap } from './ReportMap';
import './report.css';

/** Lists are cut here so that a big account still fits on one page. */
const FLAGS_SHOWN = 5;
const DEALS_SHOWN = 6;
const ACTIONS_SHOWN = 6;
const ACTIVITIES_SHOWN = 5;
const HOLDERS_SHOWN = 3;

const SEVERITY_COLOR = { high: 'red', medium: 'orange', low: 'yellow' } as const;
const HEALTH_COLOR = { healthy: 'green', watch: 'orange', atRisk: 'red' } as const;
const color = (name: string, shade = 6) => `var(--mantine-color-${name}-${shade})`;
/** The printable height of the page (A4 less 10 mm margins, see report.css), in CSS pixels. */
const PAGE_HEIGHT_PX = ((297 - 20) * 96) / 25.4;

/**
 * How much the sheet must shrink to print on one page, and how much room the rest of the page
 * leaves for the map. The sheet's content is as wide on screen as on paper, so its height on
 * screen is its height in print; measured on screen only, since the shrinking itself applies in
 * print.
 */
function usePrintFit(sheet: RefObject<HTMLElement | null>): { zoom: number; mapRoomMm: number } {
  const [zoom, setZoom] = useState(1);
  const [mapRoomMm, setMapRoomMm] = useState(92);
  const measure = () => {
    const el = sheet.current;
    if (!el || window.matchMedia('print').matches) return;
    const first = el.firstElementChild;
    const last = el.lastElementChild;
    if (!first || !last) return;
    const height = last.getBoundingClientRect().bottom - first.getBoundingClientRect().top;
    // A little to spare: type may break lines slightly differently on paper.
    const room = PAGE_HEIGHT_PX * 0.97;
    const next = height > room ? Math.floor((room / height) * 1000) / 1000 : 1;
    setZoom((z) => (z === next ? z : next));
    // The map takes what the rest leaves (the rest does not depend on the map's height).
    const map = el.querySelector('[data-testid="report-map"]');
    if (map) {
      const rest = height - map.getBoundingClientRect().height;
      const roomMm = Math.max(MIN_ROOM_MM, Math.floor(((room - rest - 2) * 25.4) / 96));
      setMapRoomMm((r) => (r === roomMm ? r : roomMm));
    }
  };
  // After every render (content may have changed), and when a part changes size by itself.
  useLayoutEffect(measure);
  useEffect(() => {
    const el = sheet.current;
    if (!el) return;
    const observer = new ResizeObserver(() => measure());
    for (const child of Array.from(el.children)) observer.observe(child);
    return () => observer.disconnect();
  });
  return { zoom, mapRoomMm };
}

/** A share as the profile's trading figures show it: "5.8%", one decimal at most. */
const percent = (share: number) => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(share);
/** A change as the profile's trading figures show it: "-5.8%", "+12%". */
const signedPercent = (change: number) => new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1, signDisplay: 'exceptZero' }).format(change);

function Section({ title, children, testId, extra }: { title: string; children: ReactNode; testId: string; extra?: ReactNode }) {
  return (
    <section className="ap-report-section" data-testid={testId}>
      <h3>
        {title}
        {extra}
      </h3>
      {children}
    </section>
  );
}

function More({ count }: { count: number }) {
  const { t } = useTranslation();
  return count > 0 ? <div className="ap-report-more">{t('report.more', { count })}</div> : null;
}

/** The one-page account plan, laid out for print and "Save as PDF". */
export function ReportView({ account: loaded, settings }: { account: Account; settings: Settings }) {
  const { t } = useTranslation();
  const theme = useMantineTheme();
  useEffect(() => seedDocument(loaded), [loaded]);
  const doc = useDocument(loaded.id) ?? loaded;
  const portfolio = useApiQuery(() => api.portfolio.list({ now: localNow() }), []);
  const row: PortfolioRow | null = portfolio.status === 'ok' ? (portfolio.data.rows.find((r) => r.id === doc.id) ?? null) : null;

  const now = useClockReading(doc, localNow);
  const today = now.slice(0, 10);
  // The page is paper: light colours whatever the app's theme, on screen and in print.
  const paper = useMemo(() => defaultCssVariablesResolver(theme).light as CSSProperties, [theme]);
  const sheetRef = useRef<HTMLElement>(null);
  const { zoom: printZoom, mapRoomMm } = usePrintFit(sheetRef);

  const byId = useMemo(() => new Map(doc.contacts.map((c) => [c.id, c])), [doc.contacts]);
  const nameOf = (c: Contact | undefined, id = '') => (c ? c.name || `${t('map.placeholder')} — ${c.department}` : id);
  const stale = useMemo(() => staleJudgements(doc.contacts, now, settings.staleAfterDays), [doc.contacts, now, settings.staleAfterDays]);
  const staleIds = useMemo(() => new Set(stale.map((s) => s.contactId)), [stale]);
  const flags = useMemo(() => redFlags(doc, { now, maxAgeDays: settings.staleAfterDays }), [doc, now, settings.staleAfterDays]);
  const coverage = useMemo(() => roleCoverage(doc.contacts), [doc.contacts]);

  const openDeals = useMemo(
    () =>
      doc.deals
        .filter(isOpen)
        .map((deal) => ({ deal, weighted: weightedValue(deal), risk: dealRisks(deal, doc, { now, staleAfterDays: settings.dealIdleDays })[0] ?? null }))
        .sort((a, b) => b.weighted - a.weighted || b.deal.value - a.deal.value),
    [doc, now, settings.dealIdleDays],
  );
  const currencies = [...new Set(openDeals.map((d) => d.deal.currency))];
  const pipelineCurrency = currencies.length === 1 ? currencies[0] : null;
  const pipeline = openDeals.reduce((s, d) => s + d.deal.value, 0);
  const weightedPipeline = openDeals.reduce((s, d) => s + d.weighted, 0);

  const actions = useMemo(
    () => doc.actions.filter((a) => !a.done).sort((a, b) => (a.when ?? '9999-99-99').localeCompare(b.when ?? '9999-99-99')),
    [doc.actions],
  );
  const activities = useMemo(() => timeline(doc), [doc]);
  const dealName = (id: string | null) => (id ? (doc.deals.find((d) => d.id === id)?.name ?? '') : '');

  const flagText = (f: RedFlag) =>
    t(`flags.${f.code}`, {
      ...f.params,
      role: f.role ? t(`vocab.roles.${f.role}`) : '',
      name: f.contactIds[0] ? nameOf(byId.get(f.contactIds[0]), f.contactIds[0]) : '',
    });

  const signalText = (s: HealthSignal): string => {
    switch (s.kind) {
      case 'warningSign':
        return `${t(`valuation.signs.${s.sign}`)}${s.since ? ` (${t('report.signals.since', { date: formatDate(s.since) })})` : ''}`;
      case 'ordersShrinking':
        return t('report.signals.ordersShrinking', { percent: percent(-s.change) });
      case 'redFlags':
        return t('report.signals.redFlags', { count: s.count, high: s.high });
      case 'stalledDeals':
        return t('report.signals.stalledDeals', { count: s.count });
    }
  };

  // Header: the grade in force, and where it comes from.
  const grade = row ? row.value.grade : doc.grade;
  const byHand = row ? row.value.overridden : doc.grade !== null;
  const p = doc.profile;
  const facts: [string, string][] = (
    [
      [t('profile.industry'), p.industry],
      [t('profile.region'), p.region],
      [t('report.fields.revenue'), p.revenue === null ? '' : formatMoney(p.revenue)],
      [t('report.fields.mainProducts'), p.mainProducts],
      [t('report.fields.customerSince'), formatDate(p.customerSince)],
      [t('report.fields.paymentTerms'), p.paymentTerms],
    ] as [string, string][]
  ).filter(([, v]) => v.trim() !== '');

  const money = (v: number | null | undefined) => (v === null || v === undefined ? t('common.none') : formatMoney(v));
  const prospect = doc.stage === 'prospect';
  // Two different figures, each named for what it is: the value factor the user entered, and
  // what the order history says.
  const annualPurchases = doc.valueFactors.annualPurchases;
  const netProfit = doc.valueFactors.annualNetProfit;
  const orders = row && row.trading.orderCount > 0 ? row.trading : null;
  const yoy = orders?.yoyChange ?? null;
  const matrix = row?.matrix ?? null;

  return (
    <div className="ap-report" data-testid="report-view">
      <Group className="ap-report-toolbar" justify="space-between" wrap="nowrap" mb="sm">
        <Text size="sm" c="dimmed" data-testid="print-hint">
          {t('report.printHint')}
        </Text>
        <Button leftSection={<IconPrinter size={16} />} onClick={() => window.print()} style={{ flexShrink: 0 }} data-testid="print-report">
          {t('report.print')}
        </Button>
      </Group>

      <article
        ref={sheetRef}
        className="ap-report-sheet"
        style={{ ...paper, '--ap-report-print-zoom': printZoom } as CSSProperties}
        data-print-zoom={printZoom}
        data-testid="account-report"
      >
        <header className="ap-report-header">
          <div className="ap-report-title">
            <div className="ap-report-kicker">{t('report.title')}</div>
            <h1 data-testid="report-account-name">{doc.name}</h1>
            <div className="ap-report-tags">
              <span>{t(`vocab.kinds.${doc.kind}`)}</span>
              <span>{t(`valuation.stages.${doc.stage}`)}</span>
              {doc.relationshipType && (
                <span>
                  {t('report.relationship')}: {t(`vocab.relationshipTypes.${doc.relationshipType}`)}
                </span>
              )}
              {p.owner && (
                <span>
                  {t('report.owner')}: {p.owner}
                </span>
              )}
            </div>
          </div>
          <div className="ap-report-grade" data-testid="report-grade" data-grade={grade ?? ''} data-by-hand={byHand || undefined}>
            <div className="ap-report-grade-label">{t('report.grade')}</div>
            <div className="ap-report-grade-value">{grade ?? t('report.noGrade')}</div>
            {byHand && <div className="ap-report-grade-hand">{t('report.setByHand')}</div>}
            {row && (
              <div className="ap-report-grade-note">
                {row.value.suggestedGrade ? t('report.suggested', { grade: row.value.suggestedGrade }) : t('report.noSuggestion')}
                {' · '}
                {row.value.score === null ? t('report.noScore') : t('report.score', { score: formatScore(row.value.score) })}
              </div>
            )}
          </div>
          <div className="ap-report-date" data-testid="report-date">
            {t('report.printed', { date: formatDate(localToday()) })}
          </div>
        </header>

        {portfolio.status === 'error' && (
          <div className="ap-report-warning" data-testid="report-figures-error">
            {t('report.figuresUnavailable', { message: errorText(portfolio.error) })}
          </div>
        )}

        <div className="ap-report-grid3">
          <Section title={t('report.sections.profile')} testId="report-profile">
            {facts.length === 0 ? (
              <div className="ap-report-dim">{t('report.fields.noFacts')}</div>
            ) : (
              <dl className="ap-report-facts">
                {facts.map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </Section>

          <Section title={t('report.sections.value')} testId="report-value">
            <dl className="ap-report-facts">
              {prospect && (
                <>
                  <div data-testid="report-expected-purchases" data-value={p.expectedAnnualPurchases ?? ''}>
                    <dt>{t('report.figures.expectedPurchases')}</dt>
                    <dd>{money(p.expectedAnnualPurchases)}</dd>
                  </div>
                  <div data-testid="report-intent" data-intent={p.intent ?? ''}>
                    <dt>{t('report.figures.intent')}</dt>
                    <dd>{p.intent ? t(`valuation.intent.${p.intent}`) : t('report.figures.intentNone')}</dd>
                  </div>
                </>
              )}
              {!prospect && (annualPurchases !== null || !orders) && (
                <div data-testid="report-annual-purchases" data-value={annualPurchases ?? ''}>
                  <dt>{t('report.figures.annualPurchases')}</dt>
                  <dd>{money(annualPurchases)}</dd>
                </div>
              )}
              {(!prospect || netProfit !== null) && (
                <div data-testid="report-net-profit">
                  <dt>{t('vocab.valueFactors.annualNetProfit')}</dt>
                  <dd>{money(netProfit)}</dd>
                </div>
              )}
              {orders && (
                <div data-testid="report-orders12" data-value={orders.last12}>
                  <dt>{t('report.figures.orders12')}</dt>
                  <dd>
                    {formatMoney(orders.last12)}
                    {yoy !== null && (
                      <span className="ap-report-dim" style={{ color: yoy < 0 ? color('red', 7) : undefined }} data-testid="report-yoy">
                        {' '}
                        ({t('report.figures.yoy', { change: signedPercent(yoy) })})
                      </span>
                    )}
                  </dd>
                </div>
              )}
              {pipelineCurrency && (
                <div>
                  <dt>{t('report.figures.pipeline')}</dt>
                  <dd>
                    {formatMoney(pipeline, pipelineCurrency)} ({formatMoney(weightedPipeline, pipelineCurrency)})
                  </dd>
                </div>
              )}
            </dl>
            {row && (
              <div className="ap-report-health" data-testid="report-health" data-level={row.health.level}>
                <span className="ap-report-pill" style={{ background: color(HEALTH_COLOR[row.health.level]) }}>
                  {t('report.figures.health')}: {t(`valuation.health.${row.health.level}`)}
                </span>
                {row.health.signals.length === 0 ? (
                  <div className="ap-report-dim">{t('report.signals.none')}</div>
                ) : (
                  <ul className="ap-report-list">
                    {row.health.signals.map((s, i) => (
                      <li key={i} data-kind={s.kind}>
                        {signalText(s)}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </Section>

          <Section title={t('report.sections.matrix')} testId="report-matrix">
            {matrix &&
              (matrix.cell ? (
                <div data-cell={matrix.cell} data-testid="report-matrix-cell">
                  <div className="ap-report-cell">{t(`valuation.cells.${matrix.cell}.name`)}</div>
                  <div className="ap-report-dim">{t(`valuation.cells.${matrix.cell}.axes`)}</div>
                  <div className="ap-report-strategy">{t(`valuation.cells.${matrix.cell}.strategy`)}</div>
                </div>
              ) : (
                <div data-testid="report-matrix-cell">
                  <div className="ap-report-cell">{t('report.matrix.notPlaced')}</div>
                  <div className="ap-report-dim">
                    {t('report.matrix.needs', { what: matrix.missing.map((m) => t(`report.matrix.missing.${m}`)).join(', ') })}
                  </div>
                </div>
              ))}
          </Section>
        </div>

        <Section title={t('report.sections.map')} testId="report-map-section" extra={<span className="ap-report-h-note">{t('report.map.legend')}</span>}>
          <ReportMap account={doc} staleIds={staleIds} roomMm={mapRoomMm} />
        </Section>

        <div className="ap-report-grid2">
          <Section title={t('report.sections.coverage')} testId="report-coverage">
            <table className="ap-report-table ap-report-coverage">
              <tbody>
                {coverage.map((c) => {
                  const style = ROLE_STYLE[c.role];
                  const known = c.holders.filter((h) => !h.isPlaceholder);
                  const seats = c.holders.filter((h) => h.isPlaceholder);
                  return (
                    <tr key={c.role} data-role={c.role} data-status={c.status}>
                      <td className="ap-report-role" style={{ color: color(style.color, 7) }}>
                        <style.Icon size={12} /> {t(`vocab.roles.${c.role}`)}
                      </td>
                      <td>
                        {c.status === 'empty' ? (
                          <strong className="ap-report-gap">{t('report.coverage.nobody')}</strong>
                        ) : known.length === 0 ? (
                          <span className="ap-report-seat">
                            {t('report.coverage.seatOnly')}: {seats.map((h) => nameOf(byId.get(h.contactId), h.contactId)).join(', ')}
                          </span>
                        ) : (
                          <>
                            {known.slice(0, HOLDERS_SHOWN).map((h, i) => (
                              <span key={h.contactId}>
                                {i > 0 && ', '}
                                {h.name}
                                <span className="ap-report-stars"> {'★'.repeat(h.stars)}</span>
                              </span>
                            ))}
                            {known.length > HOLDERS_SHOWN && <span className="ap-report-dim"> {t('report.more', { count: known.length - HOLDERS_SHOWN })}</span>}
                            {c.status === 'weak' && <span className="ap-report-weak"> · {t('report.coverage.weak')}</span>}
                          </>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Section>

          <Section
            title={t('report.sections.flags')}
            testId="report-flags"
            extra={
              <span className="ap-report-count" style={{ background: color(flags.length ? 'red' : 'green') }} data-testid="report-flag-count">
                {flags.length}
              </span>
            }
          >
            {flags.length === 0 ? (
              <div className="ap-report-dim">{t('report.flags.none')}</div>
            ) : (
              <>
                <div className="ap-report-dim">{t('report.flags.count', { count: flags.length, high: flags.filter((f) => f.severity === 'high').length })}</div>
                <ul className="ap-report-flags">
                  {flags.slice(0, FLAGS_SHOWN).map((f, i) => (
                    <li key={`${f.code}-${i}`} data-code={f.code} data-testid="report-flag">
                      <IconAlertTriangle size={12} color={color(SEVERITY_COLOR[f.severity])} />
                      <span>{flagText(f)}</span>
                    </li>
                  ))}
                </ul>
                <More count={flags.length - FLAGS_SHOWN} />
              </>
            )}
          </Section>
        </div>

        <Section title={t('report.sections.deals')} testId="report-deals">
          {openDeals.length === 0 ? (
            <div className="ap-report-dim">{t('report.deals.none')}</div>
          ) : (
            <>
              <table className="ap-report-table ap-report-deals">
                <thead>
                  <tr>
                    <th>{t('report.deals.name')}</th>
                    <th>{t('report.deals.stage')}</th>
                    <th className="ap-report-num">{t('report.deals.value')}</th>
                    <th className="ap-report-num">{t('report.deals.weighted')}</th>
                    <th>{t('report.deals.close')}</th>
                    <th>{t('report.deals.risk')}</th>
                  </tr>
                </thead>
                <tbody>
                  {openDeals.slice(0, DEALS_SHOWN).map(({ deal, weighted, risk }) => (
                    <tr key={deal.id} data-testid="report-deal" data-deal-name={deal.name}>
                      <td className="ap-report-strong">
                        <div className="ap-report-clamp">{deal.name || t('deals.unnamed')}</div>
                      </td>
                      <td>{t(`vocab.stages.${deal.stage}`)}</td>
                      <td className="ap-report-num">{formatMoney(deal.value, deal.currency)}</td>
                      <td className="ap-report-num">{formatMoney(weighted, deal.currency)}</td>
                      <td className={deal.expectedCloseDate && deal.expectedCloseDate < today ? 'ap-report-overdue' : undefined}>
                        {deal.expectedCloseDate ? formatDate(deal.expectedCloseDate) : t('common.none')}
                      </td>
                      <td className="ap-report-risk">
                        {risk ? (
                          <div className="ap-report-clamp" style={{ color: color(SEVERITY_COLOR[risk.severity], 8) }}>
                            {riskText(risk, deal, doc)}
                          </div>
                        ) : (
                          <span className="ap-report-dim">{t('report.deals.noRisk')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
                {pipelineCurrency && openDeals.length > 1 && (
                  <tfoot>
                    <tr>
                      <td colSpan={2}>{t('report.deals.total')}</td>
                      <td className="ap-report-num">{formatMoney(pipeline, pipelineCurrency)}</td>
                      <td className="ap-report-num">{formatMoney(weightedPipeline, pipelineCurrency)}</td>
                      <td colSpan={2} />
                    </tr>
                  </tfoot>
                )}
              </table>
              <More count={openDeals.length - DEALS_SHOWN} />
            </>
          )}
        </Section>

        <div className="ap-report-grid2">
          <Section title={t('report.sections.actions')} testId="report-actions">
            {actions.length === 0 ? (
              <div className="ap-report-dim">{t('report.actions.none')}</div>
            ) : (
              <>
                <ul className="ap-report-items">
                  {actions.slice(0, ACTIONS_SHOWN).map((a) => {
                    const overdue = a.when !== null && a.when < today;
                    return (
                      <li key={a.id} data-testid="report-action" data-overdue={overdue || undefined}>
                        <span className={overdue ? 'ap-report-when ap-report-overdue' : 'ap-report-when'}>
                          {a.when ? formatDate(a.when) : t('report.actions.noDate')}
                          {overdue && ` · ${t('report.actions.overdue')}`}
                        </span>
                        <span>
                          {a.what}
                          {a.who && <span className="ap-report-dim"> — {a.who}</span>}
                          {a.dealId && dealName(a.dealId) && <span className="ap-report-dim"> · {dealName(a.dealId)}</span>}
                        </span>
                      </li>
                    );
                  })}
                </ul>
                <More count={actions.length - ACTIONS_SHOWN} />
              </>
            )}
          </Section>

          <Section title={t('report.sections.activities')} testId="report-activities">
            {activities.length === 0 ? (
              <div className="ap-report-dim">{t('report.activities.none')}</div>
            ) : (
              <>
                <ul className="ap-report-items">
                  {activities.slice(0, ACTIVITIES_SHOWN).map((a) => {
                    const who = a.contactIds.map((id) => nameOf(byId.get(id), '')).filter(Boolean).join(', ');
                    const againstPolicy = giftPolicyConflict(a.channel, a.hospitality, doc.giftPolicy.rule);
                    return (
                      <li key={a.id} data-testid="report-activity" data-against-policy={againstPolicy || undefined}>
                        <span className="ap-report-when">{formatDate(a.date)}</span>
                        <span>
                          <strong>{t(`activity.channels.${a.channel}`)}</strong>
                          {againstPolicy && (
                            <>
                              {' '}
                              <span
                                className="ap-report-policy"
                                style={{ background: color(doc.giftPolicy.rule === 'banned' ? 'red' : 'orange', 7) }}
                                data-testid="report-activity-policy"
                              >
                                {t('activity.item.againstPolicy')}
                              </span>
                            </>
                          )}
                          {who && ` · ${who}`}
                          {a.summary && ` — ${a.summary}`}
                          {a.outcome && <span className="ap-report-dim"> ({t(`vocab.outcomes.${a.outcome}`)})</span>}
                        </span>
                      </li>
                    );
                  })}
                </ul>
                <More count={activities.length - ACTIVITIES_SHOWN} />
              </>
            )}
          </Section>
        </div>
      </article>
    </div>
  );
}
