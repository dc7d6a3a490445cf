namespace MaPLe.Tests.Data;

/// <summary>Writes miniature dataset folders in the exact upstream layouts (a few tiny PPM images per class).</summary>
internal static class DatasetTrees
{
    private static int _nextId;

    private static void Image(string path) => TestImages.Write(path, Interlocked.Increment(ref _nextId));

    /// <summary>imagenet/: classnames.txt (4 wnids, one unused), images/train (3 per class), images/val (2 per class).</summary>
    public static void ImageNet(TempDir root)
    {
        root.WriteText("imagenet/classnames.txt", "n02 goldfish\nn01 tench\nn03 great white shark\nn99 unused\n");
        foreach (var wnid in new[] { "n03", "n01", "n02" })
        {
            for (int i = 0; i < 3; i++)
                Image(root.Combine("imagenet", "images", "train", wnid, $"{wnid}_{i}.JPEG"));
            for (int i = 0; i < 2; i++)
                Image(root.Combine("imagenet", "images", "val", wnid, $"val_{wnid}_{i}.JPEG"));
        }
        Image(root.Combine("imagenet", "images", "train", "n01", ".hidden.JPEG"));
    }

    /// <summary>fgvc_aircraft/: variants.txt (3 variants), images_variant_{train,val,test}.txt, images/.</summary>
    public static void FgvcAircraft(TempDir root)
    {
        root.WriteText("fgvc_aircraft/variants.txt", "707-320\nBoeing 717\nCessna 172\n");
        var lists = new Dictionary<string, string[]>
        {
            ["train"] = ["1000001 707-320", "1000002 Boeing 717", "1000003 Cessna 172", "1000004 Cessna 172"],
            ["val"] = ["1000005 707-320", "1000006 Boeing 717"],
            ["test"] = ["1000007 Cessna 172", "1000008 707-320", "1000009 Boeing 717"],
        };
        foreach (var (split, lines) in lists)
        {
            root.WriteText($"fgvc_aircraft/images_variant_{split}.txt", string.Join("\n", lines) + "\n");
            foreach (var line in lines)
                Image(root.Combine("fgvc_aircraft", "images", line.Split(' ')[0] + ".jpg"));
        }
    }

    /// <summary>eurosat/2750/&lt;Class&gt;/ with <paramref name="perClass"/> images for the given classes (no split file).</summary>
    public static void EuroSat(TempDir root, int perClass = 10, params string[] classes)
    {
        if (classes.Length == 0)
            classes = ["AnnualCrop", "Forest", "SeaLake"];
        foreach (var c in classes)
            for (int i = 1; i <= perClass; i++)
                Image(root.Combine("eurosat", "2750", c, $"{c}_{i}.jpg"));
    }

    /// <summary>caltech-101/101_ObjectCategories/ with the ignored and renamed folders (no split file).</summary>
    public static void Caltech101(TempDir root, int perClass = 4)
    {
        foreach (var c in new[] { "BACKGROUND_Google", "Faces_easy", "Faces", "airplanes", "butterfly", "Leopards" })
            for (int i = 1; i <= perClass; i++)
                Image(root.Combine("caltech-101", "101_ObjectCategories", c, $"image_{i:0000}.jpg"));
    }

    /// <summary>oxford_pets/: images/ and annotations/{trainval,test}.txt for 3 breeds (no split file).</summary>
    public static void OxfordPets(TempDir root)
    {
        string[] breeds = ["Abyssinian", "american_bulldog", "Egyptian_Mau"];
        var trainVal = new List<string>();
        var test = new List<string>();
        for (int b = 0; b < breeds.Length; b++)
        {
            for (int i = 1; i <= 7; i++)
            {
                var name = $"{breeds[b]}_{i}";
                Image(root.Combine("oxford_pets", "images", name + ".jpg"));
                (i <= 5 ? trainVal : test).Add($"{name} {b + 1} {(b == 1 ? 2 : 1)} {b + 1}");
            }
        }
        root.WriteText("oxford_pets/annotations/trainval.txt", string.Join("\n", trainVal) + "\n");
        root.WriteText("oxford_pets/annotations/test.txt", string.Join("\n", test) + "\n");
    }

    /// <summary>sun397/: SUN397/ images, ClassName.txt, Training_01.txt, Testing_01.txt (no split file).</summary>
    public static void Sun397(TempDir root)
    {
        string[] classes = ["/a/abbey", "/c/church/outdoor", "/b/bakery/shop"];
        root.WriteText("sun397/ClassName.txt", string.Join("\n", classes) + "\n");
        var train = new List<string>();
        var test = new List<string>();
        foreach (var c in classes)
        {
            for (int i = 1; i <= 7; i++)
            {
                var rel = $"{c}/sun_{i}.jpg";
                Image(root.Combine("sun397", "SUN397") + rel);
                (i <= 5 ? train : test).Add(rel);
            }
        }
        root.WriteText("sun397/Training_01.txt", string.Join("\n", train) + "\n");
        root.WriteText("sun397/Testing_01.txt", string.Join("\n", test) + "\n");
    }

    /// <summary>ucf101/: UCF-101-midframes/&lt;Action_Name&gt;/ and ucfTrainTestlist/ (no split file).</summary>
    public static void Ucf101(TempDir root)
    {
        string[] actions = ["ApplyEyeMakeup", "YoYo", "PlayingDaf"];
        root.WriteText("ucf101/ucfTrainTestlist/classInd.txt", "1 ApplyEyeMakeup\r\n2 PlayingDaf\r\n3 YoYo\r\n");
        var train = new List<string>();
        var test = new List<string>();
        foreach (var action in actions)
        {
            int label = action switch { "ApplyEyeMakeup" => 1, "PlayingDaf" => 2, _ => 3 };
            var folder = MaPLe.Data.ClassNameRules.SplitCamelCase(action);
            for (int g = 1; g <= 7; g++)
            {
                var video = $"v_{action}_g{g:00}_c01";
                Image(root.Combine("ucf101", "UCF-101-midframes", folder, video + ".jpg"));
                if (g <= 5)
                    train.Add($"{action}/{video}.avi {label}");
                else
                    test.Add($"{action}/{video}.avi");
            }
        }
        root.WriteText("ucf101/ucfTrainTestlist/trainlist01.txt", string.Join("\r\n", train) + "\r\n");
        root.WriteText("ucf101/ucfTrainTestlist/testlist01.txt", string.Join("\r\n", test) + "\r\n");
    }

    /// <summary>imagenet-adversarial/: classnames.txt for 5 wnids, imagenet-a/ with 3 of them and a README.txt.</summary>
    public static void ImageNetA(TempDir root)
    {
        root.WriteText("imagenet-adversarial/classnames.txt", "n01 tench\nn02 goldfish\nn03 great white shark\nn04 tiger shark\nn05 hammerhead\n");
        root.WriteText("imagenet-adversarial/imagenet-a/README.txt", "readme");
        foreach (var wnid in new[] { "n04", "n02", "n05" })
            for (int i = 0; i < 2; i++)
                Image(root.Combine("imagenet-adversarial", "imagenet-a", wnid, $"{i}.jpg"));
    }

    /// <summary>imagenetv2/: classnames.txt (3 classes) and matched-frequency folders 0..2.</summary>
    public static void ImageNetV2(TempDir root)
    {
        root.WriteText("imagenetv2/classnames.txt", "n01 tench\nn02 goldfish\nn03 great white shark\n");
        for (int label = 0; label < 3; label++)
            for (int i = 0; i <= label; i++)
                Image(root.Combine("imagenetv2", "imagenetv2-matched-frequency-format-val", label.ToString(), $"{i}.jpeg"));
    }
}
