import Mustache

/// The HTML report's Mustache templates, style sheet and script, kept in the binary so a
/// standalone executable needs no files beside it.
enum HTMLTemplate {
    /// The page; `problem` is one distinct problem, `detail` one case in full.
    static let page: MustacheLibrary = {
        do {
            return MustacheLibrary(templates: [
                "page": try MustacheTemplate(string: pageText),
                "detail": try MustacheTemplate(string: detailText),
                "problem": try MustacheTemplate(string: problemText),
            ])
        } catch {
            preconditionFailure("the HTML report's template does not parse: \(error)")
        }
    }()

    static let pageText = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>{{{style}}}</style>
        </head>
        <body>
        <header class="verdict {{verdictState}}">
        <h1><span class="word">{{verdict}}</span> {{passed}} passed, {{failed}} failed{{#known}}, {{.}} known{{/known}}, {{errors}} errors, {{skipped}} skipped</h1>
        <p>{{total}} in {{duration}} ({{rate}}){{#anyFailed}}; {{problemCount}}{{/anyFailed}}</p>
        </header>
        <main>
        <section id="run">
        <h2>Run</h2>
        <dl>
        <dt>Contract</dt><dd><code>{{spec}}</code></dd>
        <dt>Target</dt><dd>{{targetName}} <code>{{baseURL}}</code></dd>
        {{#seed}}<dt>Seed</dt><dd><code>{{.}}</code></dd>{{/seed}}
        <dt>Started</dt><dd>{{startedAt}}</dd>
        <dt>Took</dt><dd>{{duration}}, {{rate}}</dd>
        {{#slowest}}<dt>Slowest case</dt><dd>{{.}}</dd>{{/slowest}}
        {{#shard}}<dt>Slice</dt><dd>{{.}}</dd>{{/shard}}
        <dt>Run again</dt><dd><code>{{replayCommand}}</code></dd>
        </dl>
        </section>
        {{#traffic}}
        <section id="traffic">
        <h2>Recorded traffic</h2>
        <p>Judged from <code>{{files}}</code>.</p>
        <h3>Client requests that break the contract</h3>
        <p>The client's problem, not the server's: these do not fail the run by themselves.</p>
        {{^anyClientProblems}}<p class="none">Every request follows the contract.</p>{{/anyClientProblems}}
        {{#anyClientProblems}}<table>
        <thead><tr><th>#</th><th>Operation</th><th>Problem</th><th>Requests</th><th>First</th></tr></thead>
        <tbody>{{/anyClientProblems}}
        {{#clientProblems}}<tr><td>{{number}}</td><td><code>{{operationId}}</code></td><td>{{problem}}</td><td>{{count}}</td><td class="source"><code>{{first}}</code></td></tr>
        {{/clientProblems}}
        {{#anyClientProblems}}</tbody></table>{{/anyClientProblems}}
        <h3>Undocumented endpoints</h3>
        {{^anyUndocumented}}<p class="none">Every request names a documented operation.</p>{{/anyUndocumented}}
        {{#anyUndocumented}}<table>
        <thead><tr><th>Method</th><th>Path</th><th>Exchanges</th><th>First</th></tr></thead>
        <tbody>{{/anyUndocumented}}
        {{#undocumented}}<tr><td><code>{{method}}</code></td><td><code>{{path}}</code></td><td>{{count}}</td><td class="source"><code>{{first}}</code></td></tr>
        {{/undocumented}}
        {{#anyUndocumented}}</tbody></table>{{/anyUndocumented}}
        {{#elsewhere}}<p>{{.}}</p>{{/elsewhere}}
        </section>
        {{/traffic}}
        <section id="filters">
        <h2>Show</h2>
        <label>Operation <select data-filter="operation"><option value="">all</option>{{#operationChoices}}<option>{{.}}</option>{{/operationChoices}}</select></label>
        <label>Kind <select data-filter="kind"><option value="">all</option>{{#kindChoices}}<option>{{.}}</option>{{/kindChoices}}</select></label>
        <label>Outcome <select data-filter="outcome"><option value="">all</option>{{#outcomeChoices}}<option>{{.}}</option>{{/outcomeChoices}}</select></label>
        <span id="shown"></span>
        </section>
        <section id="operations">
        <h2>Operations</h2>
        {{#noOperations}}<p class="none">Nothing to send: the document has no operations (webhooks only, or no paths).</p>{{/noOperations}}
        <table>
        <thead><tr><th>Operation</th><th>Cases</th><th>Passed</th><th>Failed</th><th>Errors</th><th>Skipped</th><th>Case time</th><th>Responses</th></tr></thead>
        <tbody>
        {{#operations}}
        <tr data-operation="{{id}}" data-kind="{{kinds}}" data-outcome="{{outcomes}}">
        <td><code>{{id}}</code></td><td>{{cases}}</td><td>{{passed}}</td><td class="{{failedState}}">{{failed}}</td><td class="{{errorState}}">{{errors}}</td><td>{{skipped}}</td><td>{{time}}</td>
        <td><div class="bar">{{#segments}}<span class="segment {{state}}" style="flex-grow: {{grow}}" title="{{title}}">{{label}}</span>{{/segments}}</div><div class="coverage">{{coverage}}</div></td>
        </tr>
        {{/operations}}
        </tbody>
        </table>
        <p class="legend"><span class="segment seen">seen</span> <span class="segment never">never seen</span> <span class="segment undocumented">not documented</span> widths follow the answers</p>
        </section>
        <section id="problems">
        <h2>Failures</h2>
        {{#anyFailed}}<p>{{failingCases}} from {{problemCount}}.</p>{{/anyFailed}}
        {{^problems}}<p class="none">No case failed.</p>{{/problems}}
        {{#problems}}{{> problem}}{{/problems}}
        </section>
        {{#baseline}}
        <section id="baseline">
        <h2>Known problems</h2>
        <p>Judged with the baseline <code>{{file}}</code>: these do not fail the run.</p>
        {{^empty(known)}}<p>{{knownCases}} from {{knownCount}} the baseline accepts.</p>{{/empty(known)}}
        {{#empty(known)}}<p class="none">No problem of this run is in the baseline.</p>{{/empty(known)}}
        {{#known}}{{> problem}}{{/known}}
        {{^empty(resolved)}}<h3>Resolved</h3>
        <p>{{resolvedCount}} no problem of this run matches: remove from the baseline once fixed for good.</p>
        <ul class="resolved">{{#resolved}}<li>{{problem}} <span class="label">({{mark}})</span></li>{{/resolved}}</ul>{{/empty(resolved)}}
        </section>
        {{/baseline}}
        {{^empty(errorGroups)}}
        <section id="errors">
        <h2>Errors</h2>
        {{#errorGroups}}
        <details class="problem error" data-operation="{{operations}}" data-kind="{{kinds}}" data-outcome="error" open>
        <summary><code>{{operations}}</code> › {{reason}} <span class="count">{{cases}}</span></summary>
        {{#detail}}{{> detail}}{{/detail}}
        </details>
        {{/errorGroups}}
        </section>
        {{/empty(errorGroups)}}
        <section id="cases">
        <h2>Cases</h2>
        <table>
        <thead><tr><th>Outcome</th><th>Operation</th><th>Kind</th><th>Case</th><th>Id</th><th>ms</th><th>Note</th></tr></thead>
        <tbody>
        {{#cases}}
        <tr class="case {{outcome}}" data-operation="{{operationId}}" data-kind="{{kind}}" data-outcome="{{outcome}}"><td class="outcome">{{outcome}}</td><td><code>{{operationId}}</code></td><td>{{kind}}</td><td>{{name}}</td><td><code>{{id}}</code></td><td class="number">{{milliseconds}}</td><td>{{note}}</td></tr>
        {{/cases}}
        </tbody>
        </table>
        </section>
        </main>
        <script>{{{script}}}</script>
        </body>
        </html>

        """

    static let problemText = """
        <details class="problem {{state}}" data-operation="{{operationId}}" data-kind="{{kinds}}" data-outcome="{{outcome}}"{{#open}} open{{/open}}>
        <summary><span class="number">{{number}}</span> <code>{{operationId}}</code> › {{headline}} <span class="count">{{cases}}</span></summary>
        {{#acceptance}}<p class="acceptance"><span class="label">Baseline</span> {{.}}</p>{{/acceptance}}
        {{#detail}}{{> detail}}{{/detail}}
        {{^empty(others)}}<h4>Also shown by</h4><ul class="others">{{#others}}<li>{{kind}}: {{name}} <code>[{{id}}]</code></li>{{/others}}{{#unlisted}}<li>{{.}}</li>{{/unlisted}}</ul>{{/empty(others)}}
        </details>

        """

    static let detailText = """
        <div class="detail">
        <p>First seen in <b>{{kind}}</b>: {{name}} <code>[{{id}}]</code></p>
        {{^empty(failures)}}<ul class="failures">{{#failures}}<li>{{.}}</li>{{/failures}}</ul>{{/empty(failures)}}
        {{#foundBy}}<p><span class="label">Found by</span> {{.}}</p>{{/foundBy}}
        {{#shrinking}}<p><span class="label">Shrunk</span> in {{steps}} from</p><pre>{{original}}</pre>{{/shrinking}}
        {{#specLocation}}<p><span class="label">Case stands on</span> <code>{{.}}</code></p>{{/specLocation}}
        {{#request}}<h4>Request</h4><pre>{{line}}{{#headers}}
        {{name}}: {{value}}{{/headers}}{{#body}}

        {{.}}{{/body}}</pre>{{/request}}
        {{#answer}}<h4>Answer</h4><pre>{{status}}{{#headers}}
        {{name}}: {{value}}{{/headers}}

        {{body}}</pre>{{/answer}}
        {{#transportError}}<h4>Transport error</h4><pre>{{.}}</pre>{{/transportError}}
        {{#curl}}<h4>Reproduce</h4><pre class="command">{{.}}</pre>{{/curl}}
        {{#mockCommand}}<h4>Against the run's own mock, started again by</h4><pre class="command">{{.}}</pre>{{/mockCommand}}
        {{#replay}}<h4>Replay</h4><pre class="command">{{replay}}</pre>{{/replay}}
        </div>

        """

    static let style = """
        :root { --pass: #1a7f37; --fail: #cf222e; --never: #d0d7de; --ink: #1f2328; --muted: #59636e; --line: #d1d9e0; --undocumented: #9a6700; --known: #8250df; }
        * { box-sizing: border-box; }
        body { -webkit-print-color-adjust: exact; print-color-adjust: exact; margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fff; }
        header.verdict { padding: 18px 28px; color: #fff; }
        header.verdict.pass { background: var(--pass); }
        header.verdict.fail { background: var(--fail); }
        header h1 { margin: 0; font-size: 22px; font-weight: 600; }
        header .word { font-weight: 800; letter-spacing: .04em; margin-right: .4em; }
        header p { margin: 4px 0 0; opacity: .92; }
        main { padding: 8px 28px 40px; max-width: 1400px; }
        h2 { font-size: 17px; margin: 26px 0 8px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
        h4 { margin: 12px 0 4px; font-size: 13px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
        dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
        dt { color: var(--muted); }
        dd { margin: 0; }
        code, pre { font: 12.5px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
        pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; padding: 8px 10px; white-space: pre-wrap; word-break: break-all; margin: 0; }
        pre.command { background: #0d1117; color: #e6edf3; border-color: #0d1117; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        td.source code { overflow-wrap: anywhere; }
        th { font-weight: 600; color: var(--muted); font-size: 12px; }
        td.bad { color: var(--fail); font-weight: 700; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        .bar { display: flex; gap: 2px; min-width: 240px; }
        .segment { flex: 0 1 3.2em; min-width: 3.2em; padding: 1px 4px; border-radius: 3px; font: 12px ui-monospace, monospace; text-align: center; color: #fff; display: inline-block; }
        .segment.seen { background: var(--pass); }
        .segment.never { background: var(--never); color: var(--ink); }
        .segment.undocumented { background: var(--undocumented); }
        .coverage, .legend { color: var(--muted); font-size: 12px; margin-top: 2px; }
        #filters label { margin-right: 16px; }
        #filters select { font: inherit; margin-left: 4px; }
        #shown { color: var(--muted); }
        details.problem { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
        details.problem > summary { cursor: pointer; font-weight: 600; }
        details.problem.known { border-left-color: var(--known); }
        details.problem.known .number { background: var(--known); }
        tr.case.known td.outcome { color: var(--known); font-weight: 700; }
        .number { display: inline-block; min-width: 1.6em; text-align: center; background: var(--fail); color: #fff; border-radius: 10px; font-size: 12px; }
        .count { color: var(--muted); font-weight: 400; margin-left: 6px; }
        .label { color: var(--muted); }
        .failures li { color: var(--fail); }
        tr.case.failed td.outcome, tr.case.error td.outcome { color: var(--fail); font-weight: 700; }
        tr.case.passed td.outcome { color: var(--pass); }
        tr.case.skipped td.outcome { color: var(--muted); }
        .none { color: var(--muted); }
        [hidden] { display: none !important; }
        @media print { details.problem { break-inside: avoid; } }

        """

    /// The filters: each select narrows the operations, problems and cases shown to those
    /// whose `data-` attribute lists its value; the choice is kept in the address's fragment
    /// (`#outcome=failed`) so a link opens the page filtered.
    static let script = """
        (function () {
          var selects = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
          var params = new URLSearchParams(location.hash.slice(1));
          selects.forEach(function (select) {
            var wanted = params.get(select.dataset.filter);
            if (wanted !== null && Array.prototype.some.call(select.options, function (option) { return option.value === wanted; })) {
              select.value = wanted;
            }
          });
          function apply() {
            var chosen = selects.filter(function (select) { return select.value !== ""; });
            var shown = 0, total = 0;
            document.querySelectorAll("[data-operation]").forEach(function (element) {
              var keep = chosen.every(function (select) {
                return (element.dataset[select.dataset.filter] || "").split("|").indexOf(select.value) >= 0;
              });
              element.hidden = !keep;
              if (element.classList.contains("case")) { total += 1; if (keep) { shown += 1; } }
            });
            document.getElementById("shown").textContent = "showing " + shown + " of " + total + " cases";
            var fragment = chosen.map(function (select) {
              return encodeURIComponent(select.dataset.filter) + "=" + encodeURIComponent(select.value);
            }).join("&");
            history.replaceState(null, "", fragment ? "#" + fragment : location.pathname + location.search);
          }
          selects.forEach(function (select) { select.addEventListener("change", apply); });
          apply();
        })();

        """
}
