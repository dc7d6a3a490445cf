namespace MaPLe.ToyWorld;

/// <summary>The named colours of the toy world; each is rendered with one fixed RGB value (see <see cref="ToyPalette"/>).</summary>
public enum ToyColor
{
    /// <summary>"red".</summary>
    Red,
    /// <summary>"green".</summary>
    Green,
    /// <summary>"blue".</summary>
    Blue,
    /// <summary>"yellow".</summary>
    Yellow,
    /// <summary>"orange".</summary>
    Orange,
    /// <summary>"purple".</summary>
    Purple,
    /// <summary>"pink".</summary>
    Pink,
    /// <summary>"brown".</summary>
    Brown,
    /// <summary>"white".</summary>
    White,
    /// <summary>"black".</summary>
    Black,
    /// <summary>"grey".</summary>
    Grey,
    /// <summary>"cyan".</summary>
    Cyan,
}
