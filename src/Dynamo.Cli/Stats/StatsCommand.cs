using System.CommandLine;
using Dynamo.Client;

namespace Dynamo.Cli.Stats;

/// <summary>
/// <c>dynamo stats</c>: each member's requests and latency percentiles per operation, hints, read repairs and handoff.
/// Every member is asked over its HTTP endpoint (from the <c>/cluster</c> of the node named by <c>--node</c> or its
/// default); a <c>--node</c> given on the command line shows that node alone unless <c>--all</c> is given too.
/// </summary>
public static class StatsCommand
{
    /// <summary>Builds <c>stats</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var timeout = CommonOptions.MemberTimeout();
        var all = new Option<bool>("--all") { Description = "Ask every member even though --node names one (it is then only where the members are looked up)" };
        var command = new Command("stats", "Requests, latency percentiles, hints, read repairs and handoff of every member, or of one --node")
        {
            node, json, timeout, all,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var limit = MemberFanOut.ParseTimeout(parse.GetValue(timeout));
            var admin = new DynamoAdminClient(http, address);
            var onlyThisNode = parse.GetResult(node) is { Implicit: false } && !parse.GetValue(all);
            IReadOnlyList<MemberAnswer<DynamoStats>> answers = onlyThisNode
                ? [new MemberAnswer<DynamoStats>(address.GetLeftPart(UriPartial.Authority), address.ToString(), await admin.GetStatsAsync(ct), null)]
                : await MemberFanOut.AskAsync(http, await admin.GetClusterAsync(ct), address, limit, (member, token) => member.GetStatsAsync(token), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, new
                {
                    nodes = answers.Select(a => new
                    {
                        address = a.Address,
                        httpEndpoint = a.HttpEndpoint,
                        answered = a.Answered,
                        error = a.Error,
                        stats = a.Value?.Raw,
                        sectionErrors = a.Value?.SectionErrors,
                    }),
                });
                return await MemberFanOut.ReportMissingAsync(context, answers);
            }
            var first = true;
            foreach (var a in answers)
            {
                if (!first) await context.Out.WriteLineAsync();
                first = false;
                if (a.Value is { } stats) StatsPrinter.Write(context, a.Address, stats);
                else await context.Out.WriteLineAsync($"node {a.Address}: did not answer ({a.HttpEndpoint ?? "no HTTP endpoint"}): {a.Error}");
            }
            return await MemberFanOut.ReportMissingAsync(context, answers);
        }));
        return command;
    }
}
