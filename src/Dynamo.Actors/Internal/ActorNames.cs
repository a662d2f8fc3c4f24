namespace Dynamo.Actors.Internal;

/// <summary>Rules for actor names, which are path elements and must survive URIs.</summary>
internal static class ActorNames
{
    private const string Allowed = "-_.*+:@&=,!~';$%()";

    /// <exception cref="InvalidActorNameException">The name is empty, reserved or has an illegal character.</exception>
    public static void Validate(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new InvalidActorNameException("An actor name must not be empty.");
        if (name[0] == '$') throw new InvalidActorNameException($"Actor name [{name}] is illegal: names starting with '$' are reserved for generated names.");
        foreach (char c in name)
        {
            if (char.IsAsciiLetterOrDigit(c) || Allowed.Contains(c)) continue;
            throw new InvalidActorNameException($"Actor name [{name}] contains the illegal character '{c}'; use ASCII letters, digits and {Allowed}.");
        }
    }

    /// <summary>A short generated name: '$' and the sequence number in base 36.</summary>
    public static string Generated(long sequence)
    {
        const string digits = "abcdefghijklmnopqrstuvwxyz0123456789";
        Span<char> buffer = stackalloc char[16];
        int pos = buffer.Length;
        do
        {
            buffer[--pos] = digits[(int)(sequence % 36)];
            sequence /= 36;
        }
        while (sequence > 0);
        buffer[--pos] = '$';
        return new string(buffer[pos..]);
    }
}
