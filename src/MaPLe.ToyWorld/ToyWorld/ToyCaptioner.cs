using System.Text;

namespace MaPLe.ToyWorld;

/// <summary>
/// Describes a scene in plain English. The colour and shape words are always present; size, position and background
/// come and go, and sentence frames and word order vary, so a model trained on the captions has to learn each attribute
/// word on its own rather than memorise whole phrases ("a photo of a small red triangle on a striped blue background",
/// "there is a green star.", "in the top left there is a large blue circle", "the heart is pink").
/// </summary>
public static class ToyCaptioner
{
    private static readonly string[] Prefixes =
        ["", "", "a photo of ", "a photo of ", "a picture of ", "an image of ", "a drawing of ", "a rendering of ", "there is ", "this is "];

    /// <summary>A caption for <paramref name="scene"/>; <paramref name="variant"/> picks the wording (same inputs, same text).</summary>
    public static string Describe(ToyScene scene, ulong variant)
    {
        ArgumentNullException.ThrowIfNull(scene);
        var rng = new ToyRandom(variant);
        var withSize = rng.NextBool(0.5);
        var withPosition = rng.NextBool(0.35);
        var withBackground = rng.NextBool(0.4);
        var frame = rng.NextInt(100);
        var endsWithPeriod = rng.NextBool(0.6);

        var color = ToyVocabulary.Word(scene.Color);
        var shape = ToyVocabulary.Word(scene.Shape);
        var size = withSize ? ToyVocabulary.Word(scene.Size) + " " : "";
        var position = withPosition ? PositionPhrase(scene.Position, ref rng) : null;
        var background = withBackground ? BackgroundPhrase(scene, ref rng) : null;
        var nounPhrase = rng.NextBool(0.8) ? size + color + " " + shape : size + shape + " in " + color;
        nounPhrase = ToyVocabulary.Article(nounPhrase) + " " + nounPhrase;

        var text = new StringBuilder();
        if (frame < 15)
        {
            // "the small triangle is red", a predicate instead of an adjective.
            text.Append("the ").Append(size).Append(shape).Append(" is ").Append(color);
            AppendModifiers(text, position, background, ref rng, comma: true);
        }
        else if (frame < 27 && background is not null)
        {
            // Background first: "a striped blue background with a red triangle".
            text.Append(BackgroundNoun(scene, ref rng)).Append(" with ").Append(nounPhrase);
            if (position is not null)
                text.Append(' ').Append(position);
        }
        else if (frame < 40 && position is not null)
        {
            // Position first: "in the top left there is a red triangle".
            text.Append(position).Append(" there is ").Append(nounPhrase);
            if (background is not null)
                text.Append(' ').Append(background);
        }
        else
        {
            text.Append(rng.Pick(Prefixes)).Append(nounPhrase);
            AppendModifiers(text, position, background, ref rng, comma: false);
        }

        if (endsWithPeriod)
            text.Append('.');
        return text.ToString();
    }

    private static void AppendModifiers(StringBuilder text, string? position, string? background, ref ToyRandom rng, bool comma)
    {
        var first = position;
        var second = background;
        if (rng.NextBool(0.5))
            (first, second) = (second, first);
        foreach (var m in new[] { first, second })
        {
            if (m is null)
                continue;
            text.Append(comma ? ", " : " ").Append(m);
            comma = false;
        }
    }

    private static string PositionPhrase(ToyPosition position, ref ToyRandom rng)
    {
        var where = ToyVocabulary.Word(position);
        return position switch
        {
            ToyPosition.Center => rng.NextBool(0.5) ? "in the center" : "in the middle",
            ToyPosition.Left or ToyPosition.Right => (rng.NextBool(0.5) ? "on the " : "at the ") + where,
            ToyPosition.Top or ToyPosition.Bottom => "at the " + where,
            _ => (rng.NextBool(0.5) ? "in the " : "at the ") + where + (rng.NextBool(0.3) ? " corner" : ""),
        };
    }

    private static string BackgroundPhrase(ToyScene scene, ref ToyRandom rng)
    {
        var bg = ToyVocabulary.Word(scene.BackgroundColor);
        return rng.NextInt(5) switch
        {
            0 => "against " + BackgroundNoun(scene, ref rng),
            1 => "on " + bg,
            _ => "on " + BackgroundNoun(scene, ref rng),
        };
    }

    /// <summary>"a striped blue background", "a blue striped background", "a blue background" or "a striped background".</summary>
    private static string BackgroundNoun(ToyScene scene, ref ToyRandom rng)
    {
        var bg = ToyVocabulary.Word(scene.BackgroundColor);
        var texture = ToyVocabulary.Word(scene.Texture);
        var phrase = rng.NextInt(6) switch
        {
            0 or 1 => bg + " " + texture,
            2 => texture + " " + bg,
            3 => texture,
            _ => bg,
        };
        return ToyVocabulary.Article(phrase) + " " + phrase + " background";
    }
}
