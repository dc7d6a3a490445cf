namespace MaPLe.ToyWorld;

/// <summary>Where the main shape sits in the image (one of nine anchors of a 3×3 layout).</summary>
public enum ToyPosition
{
    /// <summary>In the middle.</summary>
    Center,
    /// <summary>Middle row, left edge.</summary>
    Left,
    /// <summary>Middle row, right edge.</summary>
    Right,
    /// <summary>Middle column, top edge.</summary>
    Top,
    /// <summary>Middle column, bottom edge.</summary>
    Bottom,
    /// <summary>Top left corner.</summary>
    TopLeft,
    /// <summary>Top right corner.</summary>
    TopRight,
    /// <summary>Bottom left corner.</summary>
    BottomLeft,
    /// <summary>Bottom right corner.</summary>
    BottomRight,
}
