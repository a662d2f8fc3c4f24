using System.Globalization;
using Dynamo.Client;
using Spectre.Console;

namespace Dynamo.Cli.Cluster;

/// <summary>The "Transfers" table of <c>cluster show</c> and <c>cluster transfers</c>: the ownership transfers in progress.</summary>
public static class TransferTable
{
    /// <summary>The line printed instead of the table when nothing is being transferred.</summary>
    public const string NoneInProgress = "no transfers in progress";

    /// <summary>Writes the transfers of <paramref name="transfers"/> that are in progress as a table, or <see cref="NoneInProgress"/>.</summary>
    /// <param name="context">Where to write.</param>
    /// <param name="transfers">Transfers in any state; finished ones are left out of the table.</param>
    /// <param name="scope">Appended to the "none" line to say whose transfers these are, e.g. " from this node".</param>
    public static void Write(CliContext context, IEnumerable<DynamoTransfer> transfers, string scope = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transfers);
        var running = transfers.Where(t => t.InProgress).ToList();
        if (running.Count == 0)
        {
            context.Out.WriteLine(NoneInProgress + scope);
            return;
        }
        var table = new Table { Title = new TableTitle("Transfers") }.AddColumns("Partition", "From", "To", "Objects sent", "State", "Resumed after");
        foreach (var t in running)
        {
            table.AddRow(
                t.Partition.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(t.From),
                Markup.Escape(t.To),
                t.ObjectsSent.ToString("N0", CultureInfo.InvariantCulture),
                Markup.Escape(t.State) + (t.Attempts > 1 ? $" (attempt {t.Attempts})" : ""),
                // Objects an earlier attempt got across, which this one did not send again.
                t.ObjectsSkipped > 0 ? t.ObjectsSkipped.ToString("N0", CultureInfo.InvariantCulture) : "");
        }
        context.Console.Write(table);
    }
}
