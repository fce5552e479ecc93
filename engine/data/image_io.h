// Student images: a PNG or JPEG (a digit on paper, a photo of a shoe, a drawing) turned into a
// 28x28 float image laid out like the data sets (light ink on black, values in [0, 1]), and a
// grayscale PNG writer for previews. Decoding uses OpenCV (core, imgproc, imgcodecs).
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <vector>

namespace gradlab {

// How content is fitted into the canvas.
struct FitOptions {
    int canvas = 28;           // output side
    int box = 20;              // the content's longest side is scaled to this
    bool centerOfMass = true;  // true: the ink's centre of mass goes to pixel (canvas/2, canvas/2) (MNIST);
                               // false: the content's bounding box is centred (Fashion-MNIST)
    bool autoInvert = true;    // a light background (dark ink on white paper) is inverted
    static FitOptions mnist() { return {}; }
    static FitOptions fashionMnist() { return {28, 28, false, true}; }
};

struct PreparedImage {
    std::vector<float> pixels;  // (canvas, canvas) row-major, [0, 1], 0 = background
    int height = 0, width = 0;  // canvas x canvas
    bool inverted = false;      // the source had a light background and was inverted
    int sourceWidth = 0, sourceHeight = 0;
};

// The largest picture we decode (checked from the file's header before decoding).
inline constexpr int64_t kMaxImagePixels = 50'000'000;

// Loads a PNG or JPEG (told by its signature, not by its name) and prepares it with fitImage.
// A transparent PNG is laid over a background that contrasts with its strokes. Errors
// (gradlab::Error, naming the file): missing file, a directory, an empty file, a file that is not
// a PNG or JPEG or is corrupt ("could not decode 'x.png' as PNG or JPEG"), more than
// kMaxImagePixels pixels, a blank image.
PreparedImage loadImageLikeDataset(const std::filesystem::path& path, const FitOptions& fit = FitOptions::mnist());

// The same preparation for a grayscale picture already in memory (e.g. drawn in the app):
// gray (height, width) in [0, 1]. Steps: estimate the background from the border (median);
// invert when it is light (autoInvert); ink = how far a pixel is from the background, stretched
// to [0, 1]; crop to the bounding box of ink > 0.2; scale the longest side to `box` pixels with
// the aspect ratio kept (area averaging), stretched so that the brightest pixel is 1; place it in the canvas (centre of mass or box centre,
// kept inside the canvas). Throws for a blank picture (no contrast) and for bad sizes.
PreparedImage fitImage(std::span<const float> gray, int width, int height, const FitOptions& fit = FitOptions::mnist());

// An 8-bit RGB raster (height x width x 3 bytes, rows top to bottom) as PNG file bytes: the one
// PNG encoder of the lab (zlib, in image_io.cpp), also for the CLI's exported images.
std::vector<char> encodeRgbPng(std::span<const uint8_t> rgb, int width, int height);

// Writes a grayscale PNG (values in [0, 1], clamped; 0 = black), atomically; `scale` > 1 enlarges
// each pixel to scale x scale (nearest neighbour), for previews.
void writeGrayPng(const std::filesystem::path& path, std::span<const float> pixels, int width, int height, int scale = 1);

}  // namespace gradlab
