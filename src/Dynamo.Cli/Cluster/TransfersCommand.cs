using System.CommandLine;
using Dynamo.Client;

namespace Dynamo.Cli.Cluster;

/// <summary>
/// <c>dynamo cluster transfers</c>: the ownership transfers of every member, like <c>riak-admin transfers</c>. Each
/// member reports only what it sends, so every member's HTTP endpoint (from <c>/cluster</c>) is asked; the members
/// that did not answer are named, and make the exit code 1 because the picture is incomplete.
/// </summary>
public static class TransfersCommand
{
    /// <summary>Builds <c>cluster transfers</c>.</summary>
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var node = CommonOptions.Node(context);
        var json = CommonOptions.Json();
        var timeout = CommonOptions.MemberTimeout();
        var command = new Command("transfers", "Ownership transfers of every member (asks each member's HTTP endpoint), and which members did not answer")
        {
            node, json, timeout,
        };
        command.SetAction((parse, ct) => CommandRunner.RunAsync(context, parse.GetValue(node), isWrite: false, async (http, address) =>
        {
            var limit = MemberFanOut.ParseTimeout(parse.GetValue(timeout));
            var view = await new DynamoAdminClient(http, address).GetClusterAsync(ct);
            var answers = await MemberFanOut.AskAsync(http, view, address, limit, (admin, token) => admin.GetClusterAsync(token), ct);
            if (parse.GetValue(json))
            {
                await JsonOutput.WriteAsync(context.Out, new
                {
                    seenFrom = view.Self,
                    members = answers.Select(a => new
                    {
                        address = a.Address,
                        httpEndpoint = a.HttpEndpoint,
                        answered = a.Answered,
                        error = a.Error,
                        transfers = a.Value?.Transfers,
                    }),
                });
            }
            else
            {
                // Each member's view lists what it sends; on a consistent cluster no transfer is listed twice.
                TransferTable.Write(context, answers.SelectMany(a => a.Value?.Transfers ?? []));
                foreach (var a in answers)
                    await context.Out.WriteLineAsync($"{a.Address}: {Summary(a)}");
            }
            return await MemberFanOut.ReportMissingAsync(context, answers);
        }));
        return command;
    }

    private static string Summary(MemberAnswer<DynamoClusterView> answer)
    {
        if (answer.Value is not { } view)
            return $"did not answer ({answer.HttpEndpoint ?? "no HTTP endpoint"}): {answer.Error}";
        var t = view.Transfers;
        return $"{t.Count(x => x.InProgress)} in progress, {t.Count(x => x.State == "Completed")} completed, "
            + $"{t.Count(x => x.State == "Refused")} refused";
    }
}
